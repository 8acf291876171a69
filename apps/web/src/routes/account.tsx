import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardFooter,
  CardHeader,
  FormField,
  IconLogOut,
  IconTrash,
  Skeleton,
  textLinkClasses,
  toast,
} from '@kit/ui';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DevMailboxHint } from '../components/dev-mailbox-link';
import { NewPasswordField } from '../components/new-password-field';
import { PageHeader } from '../components/page-header';
import {
  ACCOUNT_DELETION_KEY,
  ACCOUNT_SESSIONS_KEY,
  changeEmail,
  changePassword,
  deleteAccount,
  deletionCheck,
  describeSession,
  listSessions,
  revokeOtherSessions,
  revokeSession,
  updateName,
  type AccountSession,
} from '../lib/account';
import { ApiError, errorMessage, isApiError } from '../lib/api';
import { formatDate, formatRelativeTime } from '../lib/format';
import { organizationsResource, orgPath } from '../lib/organizations';
import { invalidateQueries, removeQueries, useQuery } from '../lib/query';
import { sessionResource, useSession } from '../lib/session';
import type { User } from '../lib/auth-client';
import { useForm } from '../lib/use-form';
import {
  fieldErrorsFromApiError,
  validateEmail,
  validateName,
  validateNewPassword,
  validatePasswordPresent,
} from '../lib/validation';

export function Component() {
  const { user } = useSession();
  const [params] = useSearchParams();
  if (!user) return null;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title="Account settings"
        description="Your name, sign-in details and sessions, across every organization."
      />
      {params.get('notice') === 'email-changed' ? (
        <Alert variant="success" role="status">
          Your email address is now <strong className="font-medium">{user.email}</strong>.
        </Alert>
      ) : null}
      <NameCard key={`name:${user.name}`} user={user} />
      <EmailCard key={`email:${user.email}`} user={user} />
      <PasswordCard />
      <SessionsCard />
      <DeleteAccountCard user={user} />
    </div>
  );
}

function NameCard({ user }: { user: User }) {
  const form = useForm({ name: user.name }, (values) => {
    const name = validateName(values.name);
    return name ? { name } : {};
  });
  const [failure, setFailure] = useState<string | null>(null);
  const dirty = form.values.name.trim() !== user.name;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await updateName(values.name);
      toast('Name saved');
    } catch (error) {
      if (isApiError(error, 'INVALID_NAME')) return form.setFieldError('name', error.message);
      setFailure(errorMessage(error));
    }
  });

  return (
    <Card>
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <CardHeader title="Name" description="How you appear to your teammates and in emails." />
        <CardContent className="space-y-4">
          {failure ? <Alert variant="error">{failure}</Alert> : null}
          <FormField
            label="Full name"
            autoComplete="name"
            required
            containerClassName="max-w-md"
            {...form.field('name')}
          />
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={form.pending} loadingText="Saving…" disabled={!dirty}>
            Save name
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function EmailCard({ user }: { user: User }) {
  const form = useForm({ newEmail: '' }, (values) => {
    const problem =
      validateEmail(values.newEmail) ??
      (values.newEmail.trim().toLowerCase() === user.email.toLowerCase()
        ? 'This is already your email address.'
        : undefined);
    return problem ? { newEmail: problem } : {};
  });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await changeEmail(values.newEmail);
      setSentTo(values.newEmail.trim().toLowerCase());
      form.reset({ newEmail: '' });
    } catch (error) {
      const field = isApiError(error) ? fieldErrorsFromApiError(error).email : undefined;
      if (field) return form.setFieldError('newEmail', field);
      setFailure(errorMessage(error));
    }
  });

  return (
    <Card>
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <CardHeader
          title="Email address"
          description={
            <>
              You sign in with <strong className="font-medium text-gray-700">{user.email}</strong>.
              A new address is used once you open the link we send to it.
            </>
          }
        />
        <CardContent className="space-y-4">
          {sentTo ? (
            <Alert variant="success" role="status" title={`Check ${sentTo}`}>
              We sent a confirmation link to {sentTo}. Your address changes when you open it. We
              also let {user.email} know about the request.
            </Alert>
          ) : null}
          {sentTo ? <DevMailboxHint email={sentTo} /> : null}
          {failure ? <Alert variant="error">{failure}</Alert> : null}
          <FormField
            label="New email address"
            type="email"
            autoComplete="email"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            containerClassName="max-w-md"
            {...form.field('newEmail')}
          />
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={form.pending} loadingText="Sending…">
            Send confirmation link
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function PasswordCard() {
  const form = useForm({ currentPassword: '', newPassword: '' }, (values) => {
    const errors: Partial<Record<'currentPassword' | 'newPassword', string>> = {};
    const current = validatePasswordPresent(values.currentPassword);
    const next = validateNewPassword(values.newPassword);
    if (current) errors.currentPassword = current;
    if (next) errors.newPassword = next;
    return errors;
  });
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await changePassword({ ...values, revokeOtherSessions: signOutOthers });
      form.reset({ currentPassword: '', newPassword: '' });
      if (signOutOthers) {
        // better-auth replaced this session too: read the new one, and the list.
        await sessionResource.load({ force: true });
        void invalidateQueries(ACCOUNT_SESSIONS_KEY);
      }
      toast('Password changed', {
        description: signOutOthers ? 'Your other sessions were signed out.' : undefined,
      });
    } catch (error) {
      if (isApiError(error, 'INVALID_PASSWORD'))
        return form.setFieldError('currentPassword', 'That is not your current password.');
      if (isApiError(error, 'PASSWORD_TOO_SHORT') || isApiError(error, 'PASSWORD_TOO_LONG'))
        return form.setFieldError('newPassword', errorMessage(error));
      setFailure(errorMessage(error));
    }
  });

  return (
    <Card>
      <form id={form.formId} onSubmit={onSubmit} noValidate>
        <CardHeader
          title="Password"
          description="Enter your current password to choose a new one."
        />
        <CardContent className="space-y-4">
          {failure ? <Alert variant="error">{failure}</Alert> : null}
          <FormField
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
            containerClassName="max-w-md"
            {...form.field('currentPassword')}
          />
          <NewPasswordField
            label="New password"
            containerClassName="max-w-md"
            {...form.field('newPassword')}
          />
          <div className="flex items-start gap-2">
            <input
              id={`${form.formId}-others`}
              type="checkbox"
              checked={signOutOthers}
              onChange={(event) => setSignOutOthers(event.target.checked)}
              className="mt-0.5 size-4 rounded border-gray-300 text-brand-600 focus:ring-brand-600"
            />
            <label htmlFor={`${form.formId}-others`} className="text-sm text-gray-700">
              Sign out of all other sessions
            </label>
          </div>
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={form.pending} loadingText="Changing…">
            Change password
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}

function SessionsCard() {
  const sessions = useQuery(ACCOUNT_SESSIONS_KEY, listSessions);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [confirmOthers, setConfirmOthers] = useState(false);
  const others = (sessions.data ?? []).filter((s) => !s.current);

  const revoke = async (s: AccountSession) => {
    setRevoking(s.id);
    try {
      await revokeSession(s.id);
      await sessions.refresh();
      toast(`Signed out ${describeSession(s)}`);
    } catch (error) {
      toast(errorMessage(error), { variant: 'error' });
    } finally {
      setRevoking(null);
    }
  };

  return (
    <Card>
      <CardHeader
        title="Sessions"
        description="Where you are signed in. Sign out any session you don't recognise."
      />
      <CardContent>
        {sessions.loading ? (
          <div className="space-y-3" role="status" aria-label="Loading sessions">
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : sessions.error ? (
          <Alert variant="error" title={errorMessage(sessions.error)}>
            <button
              type="button"
              className={textLinkClasses}
              onClick={() => void sessions.refresh()}
            >
              Try again
            </button>
          </Alert>
        ) : (
          <ul className="divide-y divide-gray-100" aria-label="Sessions">
            {(sessions.data ?? []).map((s) => (
              <li
                key={s.id}
                className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="min-w-0">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-950">
                    {describeSession(s)}
                    {s.current ? <Badge variant="success">This device</Badge> : null}
                  </p>
                  <p className="text-sm text-gray-500">
                    {s.current ? 'Active now' : `Last active ${formatRelativeTime(s.lastSeenAt)}`}
                    {' · '}Signed in {formatDate(s.createdAt)}
                    {s.ipAddress ? ` · ${s.ipAddress}` : ''}
                  </p>
                </div>
                {s.current ? null : (
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => void revoke(s)}
                    loading={revoking === s.id}
                    loadingText="Signing out…"
                    aria-label={`Sign out ${describeSession(s)}`}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {others.length > 0 ? (
        <CardFooter>
          <Button variant="secondary" onClick={() => setConfirmOthers(true)}>
            <IconLogOut className="size-4" />
            Sign out all other sessions
          </Button>
        </CardFooter>
      ) : null}
      <ConfirmDialog
        open={confirmOthers}
        onClose={() => setConfirmOthers(false)}
        title="Sign out all other sessions?"
        description={`${others.length === 1 ? 'One other session' : `${others.length} other sessions`} will have to sign in again. This one stays signed in.`}
        confirmLabel="Sign out other sessions"
        pendingLabel="Signing out…"
        onConfirm={async () => {
          await revokeOtherSessions();
          await sessions.refresh();
          setConfirmOthers(false);
          toast('Other sessions signed out');
        }}
      />
    </Card>
  );
}

function DeleteAccountCard({ user }: { user: User }) {
  const navigate = useNavigate();
  const check = useQuery(ACCOUNT_DELETION_KEY, deletionCheck);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const blockers = check.data?.soleOwnerOf ?? [];

  const onConfirm = async () => {
    if (!password)
      throw new ApiError({
        status: 400,
        code: 'PASSWORD_REQUIRED',
        message: 'Enter your password.',
      });
    try {
      await deleteAccount(password);
    } catch (error) {
      if (isApiError(error, 'LAST_OWNER')) void check.refresh();
      throw error;
    }
    // Signed out first, so that the sign-in page does not send a signed-in visitor onwards.
    sessionResource.set(null);
    organizationsResource.reset();
    removeQueries();
    await navigate('/sign-in?notice=account-deleted', { replace: true });
  };

  return (
    <Card className="ring-red-600/20">
      <CardHeader title="Delete account" description="This cannot be undone." />
      <CardContent className="space-y-4">
        <p className="text-sm text-gray-600">
          You leave every organization and your sign-in details and sessions are deleted.
          Organizations keep their history, showing a deleted user instead of your name; invitations
          you sent stay valid.
        </p>
        {blockers.length > 0 ? (
          <Alert variant="warning" role="status" title="You are the only owner of an organization">
            <p>
              Before you can delete your account, make another member an owner, transfer ownership
              or delete these organizations:
            </p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {blockers.map((org) => (
                <li key={org.id}>
                  <Link to={orgPath(org, 'settings')} className={textLinkClasses}>
                    {org.name}
                  </Link>
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
      </CardContent>
      <CardFooter>
        <Button
          variant="danger"
          onClick={() => setOpen(true)}
          disabled={check.loading || blockers.length > 0}
        >
          <IconTrash className="size-4" />
          Delete account
        </Button>
      </CardFooter>
      <ConfirmDialog
        open={open}
        onClose={() => {
          setOpen(false);
          setPassword('');
        }}
        title="Delete your account?"
        description="You will be signed out everywhere and removed from every organization. This cannot be undone."
        confirmLabel="Delete account"
        pendingLabel="Deleting…"
        destructive
        confirmText={user.email}
        onConfirm={onConfirm}
      >
        <FormField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </ConfirmDialog>
    </Card>
  );
}
