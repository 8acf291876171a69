import { Alert, AuthShell, Button, FormField, IconMail, textLinkClasses } from '@kit/ui';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { DevMailboxHint } from '../components/dev-mailbox-link';
import { PageTitle } from '../components/page-title';
import { ResendVerificationButton } from '../components/resend-verification';
import { errorMessage } from '../lib/api';
import { sendVerificationEmail } from '../lib/auth';
import { useSession } from '../lib/session';
import { useForm } from '../lib/use-form';
import { validateEmailForm } from '../lib/validation';

export function Component() {
  const [params] = useSearchParams();
  const { user } = useSession();
  const email = params.get('email')?.trim() || (user && !user.emailVerified ? user.email : '');
  const linkError = params.get('error');

  return (
    <AuthShell
      brand={<Brand />}
      title={linkError ? 'This link has expired' : 'Check your inbox'}
      description={
        linkError
          ? 'This verification link is invalid or has expired. Links work once and for a limited time: send yourself a new one.'
          : undefined
      }
      footer={
        <Link to="/sign-in" className={textLinkClasses}>
          Back to sign in
        </Link>
      }
    >
      <PageTitle title="Verify your email" />
      <div className="space-y-6">
        {!linkError ? (
          <div className="flex gap-4">
            <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-1 ring-brand-600/10">
              <IconMail className="size-5" />
            </div>
            <p className="text-sm text-gray-600">
              {email ? (
                <>
                  We sent a verification link to{' '}
                  <strong className="font-medium text-gray-900">{email}</strong>.
                </>
              ) : (
                <>We sent you a verification link.</>
              )}{' '}
              Click it to confirm your email address and sign in. It may take a minute to arrive;
              check your spam folder too.
            </p>
          </div>
        ) : null}

        {email ? (
          <div className="space-y-3 border-t border-gray-100 pt-5">
            <p className="text-sm text-gray-500">Didn&apos;t get it?</p>
            <ResendVerificationButton email={email} fullWidth />
          </div>
        ) : (
          <ResendForm />
        )}

        <DevMailboxHint email={email} />
      </div>
    </AuthShell>
  );
}

/** Without an address in the URL, ask for one and send a new link to it. */
function ResendForm() {
  const form = useForm({ email: '' }, validateEmailForm);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFailure(null);
    try {
      await sendVerificationEmail(email);
      setSentTo(email.trim());
    } catch (error) {
      setFailure(errorMessage(error));
    }
  });

  if (sentTo) {
    return (
      <Alert variant="success" title="Link sent">
        If <strong className="font-medium">{sentTo}</strong> belongs to an account that still needs
        verifying, a new link is on its way.
      </Alert>
    );
  }
  return (
    <form
      id={form.formId}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 border-t border-gray-100 pt-5"
    >
      {failure ? <Alert variant="error">{failure}</Alert> : null}
      <FormField
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        hint="The address you signed up with. We'll send a new verification link."
        {...form.field('email')}
      />
      <Button
        type="submit"
        variant="secondary"
        fullWidth
        loading={form.pending}
        loadingText="Sending…"
      >
        <IconMail className="size-4" />
        Send a new link
      </Button>
    </form>
  );
}
