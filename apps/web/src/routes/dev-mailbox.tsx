import {
  Alert,
  Badge,
  Button,
  buttonClasses,
  Card,
  cn,
  EmptyState,
  focusRing,
  IconArrowLeft,
  IconExternalLink,
  IconInbox,
  IconMail,
  IconRefresh,
  IconSearch,
  Input,
} from '@kit/ui';
import { useEffect } from 'react';
import {
  Form,
  Link,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSearchParams,
  type LoaderFunctionArgs,
  type ShouldRevalidateFunctionArgs,
} from 'react-router';
import { Brand } from '../components/brand';
import { PageTitle } from '../components/page-title';
import { formatDateTime, formatRelativeTime } from '../lib/format';
import { describeLink, fetchMailbox, withTopLevelLinks, type MailboxMessage } from '../lib/mailbox';
import { withQuery } from '../lib/redirect';

export async function loader({ request }: LoaderFunctionArgs) {
  const to = new URL(request.url).searchParams.get('to')?.trim() ?? '';
  return { to, result: await fetchMailbox(to, request.signal) };
}

/** Opening a message only changes ?id=; the list need not be fetched again for that. */
export function shouldRevalidate({
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}: ShouldRevalidateFunctionArgs) {
  if (currentUrl.href === nextUrl.href) return defaultShouldRevalidate;
  return (
    currentUrl.searchParams.get('to') !== nextUrl.searchParams.get('to') && defaultShouldRevalidate
  );
}

export function Component() {
  const { to, result } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const selectedId = params.get('id');
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const filtering =
    navigation.state === 'loading' && navigation.location.pathname === '/dev/mailbox';
  const refreshing = revalidator.state === 'loading';

  // Pick up new mail when coming back to the tab (e.g. after signing up in another one).
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void revalidator.revalidate();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [revalidator]);

  const messages = result.status === 'ok' ? result.messages : [];
  const selected = selectedId ? messages.find((m) => m.id === selectedId) : undefined;

  return (
    <div className="min-h-dvh bg-gray-50">
      <PageTitle title="Dev mailbox" />
      <header className="border-b border-gray-950/[0.07] bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex items-center gap-3">
            <Brand size="sm" />
            <Badge variant="warning">Development</Badge>
          </div>
          <Link to="/" className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
            Back to app
          </Link>
        </div>
      </header>

      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="space-y-1">
            <h1 className="text-2xl font-semibold tracking-tight text-gray-950">Mailbox</h1>
            <p className="text-sm text-gray-500">
              Emails the app sends in development are captured here instead of being delivered.
            </p>
          </div>
          {result.status === 'ok' ? (
            <Button
              variant="secondary"
              loading={refreshing}
              loadingText="Refreshing…"
              onClick={() => void revalidator.revalidate()}
            >
              <IconRefresh className="size-4" />
              Refresh
            </Button>
          ) : null}
        </div>

        {result.status === 'disabled' ? (
          <Card className="mt-8">
            <EmptyState
              as="h2"
              icon={<IconInbox />}
              title="The development mailbox is off"
              description="This server delivers email through a real provider, so there is nothing to show here. The mailbox is available when EMAIL_TRANSPORT is 'mailbox' and DEV_MAILBOX is on."
            />
          </Card>
        ) : (
          <>
            <Form
              method="get"
              role="search"
              aria-label="Filter messages"
              className="mt-6 flex flex-col gap-2 sm:flex-row sm:items-center"
            >
              <label htmlFor="mailbox-to" className="sr-only">
                Recipient
              </label>
              <div className="relative sm:w-80">
                <IconSearch className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-400" />
                <Input
                  key={to}
                  id="mailbox-to"
                  name="to"
                  type="search"
                  inputMode="email"
                  autoCapitalize="none"
                  spellCheck={false}
                  placeholder="Filter by recipient"
                  defaultValue={to}
                  className="pl-9"
                />
              </div>
              <div className="flex gap-2">
                <Button type="submit" variant="secondary" loading={filtering && !refreshing}>
                  Filter
                </Button>
                {to ? (
                  <Link to="/dev/mailbox" className={buttonClasses({ variant: 'ghost' })}>
                    Clear
                  </Link>
                ) : null}
              </div>
            </Form>

            {result.status === 'error' ? (
              <Alert variant="error" className="mt-6">
                {result.message}
              </Alert>
            ) : messages.length === 0 ? (
              <Card className="mt-6">
                <EmptyState
                  as="h2"
                  icon={<IconInbox />}
                  title={to ? `No messages for ${to}` : 'No messages yet'}
                  description={
                    to
                      ? 'Nothing has been sent to this address. Check the spelling or clear the filter.'
                      : 'Verification, password reset and invitation emails will show up here as soon as the app sends them.'
                  }
                  action={
                    to ? (
                      <Link to="/dev/mailbox" className={buttonClasses({ variant: 'secondary' })}>
                        Clear filter
                      </Link>
                    ) : (
                      <Button
                        variant="secondary"
                        loading={refreshing}
                        onClick={() => void revalidator.revalidate()}
                      >
                        <IconRefresh className="size-4" />
                        Check again
                      </Button>
                    )
                  }
                />
              </Card>
            ) : (
              <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
                <MessageList
                  messages={messages}
                  to={to}
                  selectedId={selectedId}
                  className={cn(selectedId && 'hidden lg:block')}
                />
                <div className={cn(!selectedId && 'hidden lg:block')}>
                  {selected ? (
                    <MessageDetail message={selected} to={to} />
                  ) : (
                    <Card>
                      <EmptyState
                        as="h2"
                        icon={<IconMail />}
                        title={selectedId ? 'Message not found' : 'Select a message'}
                        description={
                          selectedId
                            ? 'It may have been sent to another recipient than the current filter.'
                            : 'Pick an email on the left to preview it, read its text and follow its links.'
                        }
                      />
                    </Card>
                  )}
                </div>
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}

function MessageList({
  messages,
  to,
  selectedId,
  className,
}: {
  messages: MailboxMessage[];
  to: string;
  selectedId: string | null;
  className?: string;
}) {
  return (
    <Card className={cn('overflow-hidden', className)}>
      <h2 className="sr-only">Messages</h2>
      <p className="border-b border-gray-100 px-4 py-2.5 text-xs font-medium text-gray-500">
        {messages.length} {messages.length === 1 ? 'message' : 'messages'}
        {to ? ` to ${to}` : ''}, newest first
      </p>
      <ul className="max-h-[70vh] divide-y divide-gray-100 overflow-y-auto">
        {messages.map((message) => {
          const active = message.id === selectedId;
          return (
            <li key={message.id}>
              <Link
                to={withQuery('/dev/mailbox', { to: to || null, id: message.id })}
                preventScrollReset
                aria-current={active ? 'true' : undefined}
                className={cn(
                  'relative block px-4 py-3 transition-colors -outline-offset-2',
                  focusRing,
                  active ? 'bg-brand-50/70' : 'hover:bg-gray-50',
                )}
              >
                {active ? (
                  <span
                    aria-hidden="true"
                    className="absolute inset-y-0 left-0 w-0.5 bg-brand-600"
                  />
                ) : null}
                <div className="flex items-baseline justify-between gap-3">
                  <p className="truncate text-sm font-medium text-gray-950">{message.to}</p>
                  <time
                    dateTime={message.createdAt}
                    title={formatDateTime(message.createdAt)}
                    className="shrink-0 text-xs text-gray-500"
                  >
                    {formatRelativeTime(message.createdAt)}
                  </time>
                </div>
                <p className="mt-0.5 truncate text-sm text-gray-600">
                  {message.subject || '(no subject)'}
                </p>
              </Link>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function MessageDetail({ message, to }: { message: MailboxMessage; to: string }) {
  return (
    <Card className="overflow-hidden">
      <div className="border-b border-gray-100 px-5 py-4 sm:px-6">
        <Link
          to={withQuery('/dev/mailbox', { to: to || null })}
          preventScrollReset
          className={cn(
            'mb-3 inline-flex items-center gap-1.5 rounded-md text-sm font-medium text-gray-500 hover:text-gray-800 lg:hidden',
            focusRing,
          )}
        >
          <IconArrowLeft className="size-4" />
          All messages
        </Link>
        <h2 className="text-lg font-semibold text-gray-950">{message.subject || '(no subject)'}</h2>
        <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          <dt className="text-gray-500">To</dt>
          <dd className="truncate text-gray-900">{message.to}</dd>
          {message.from ? (
            <>
              <dt className="text-gray-500">From</dt>
              <dd className="truncate text-gray-900">{message.from}</dd>
            </>
          ) : null}
          <dt className="text-gray-500">Sent</dt>
          <dd className="text-gray-900">
            <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
          </dd>
        </dl>
      </div>

      <section
        aria-labelledby="mail-preview"
        className="border-b border-gray-100 bg-gray-50 p-3 sm:p-4"
      >
        <h3 id="mail-preview" className="sr-only">
          HTML preview
        </h3>
        {message.html ? (
          <iframe
            key={message.id}
            title={`Email preview: ${message.subject}`}
            srcDoc={withTopLevelLinks(message.html)}
            sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
            referrerPolicy="no-referrer"
            className="h-[32rem] w-full resize-y rounded-lg bg-white ring-1 ring-gray-950/[0.07]"
          />
        ) : (
          <p className="px-1 py-6 text-center text-sm text-gray-500">
            This email has no HTML part.
          </p>
        )}
      </section>

      <section aria-labelledby="mail-links" className="border-b border-gray-100 px-5 py-4 sm:px-6">
        <h3 id="mail-links" className="text-sm font-semibold text-gray-950">
          Links <span className="font-normal text-gray-500">({message.links.length})</span>
        </h3>
        {message.links.length ? (
          <ul className="mt-3 space-y-2">
            {message.links.map((href, i) => {
              const label = describeLink(href);
              return (
                <li key={`${i}-${href}`} className="flex items-start gap-2">
                  <IconExternalLink className="mt-0.5 size-4 shrink-0 text-gray-400" />
                  <div className="min-w-0">
                    {label ? <p className="text-xs font-medium text-gray-500">{label}</p> : null}
                    <a
                      href={href}
                      className={cn(
                        'rounded-xs font-mono text-xs break-all text-brand-700 underline-offset-2 hover:underline',
                        focusRing,
                      )}
                    >
                      {href}
                    </a>
                  </div>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-gray-500">This email contains no links.</p>
        )}
      </section>

      <section aria-labelledby="mail-text" className="px-5 py-4 sm:px-6">
        <h3 id="mail-text" className="text-sm font-semibold text-gray-950">
          Plain text
        </h3>
        {message.text ? (
          <pre className="mt-3 max-h-80 overflow-auto rounded-lg bg-gray-50 p-3 font-mono text-xs/5 whitespace-pre-wrap wrap-anywhere text-gray-700 ring-1 ring-gray-950/5">
            {message.text}
          </pre>
        ) : (
          <p className="mt-2 text-sm text-gray-500">This email has no plain-text part.</p>
        )}
      </section>
    </Card>
  );
}
