import { Alert, AuthShell, Button, FormField, textLinkClasses } from '@kit/ui';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { DevMailboxHint } from '../components/dev-mailbox-link';
import { OrgAvatar } from '../components/org-avatar';
import { PageTitle } from '../components/page-title';
import { ResendVerificationButton } from '../components/resend-verification';
import { errorMessage, isApiError } from '../lib/api';
import { signIn } from '../lib/auth';
import { useConfig } from '../lib/config';
import { fetchInvitationPreview, type InvitationPreview } from '../lib/invitations';
import { roleWord, withArticle } from '../lib/permissions';
import { safeRedirect, withQuery } from '../lib/redirect';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromApiError, validateSignIn } from '../lib/validation';

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password has been changed. Sign in with your new password.',
  'signed-out': 'You have been signed out.',
  'account-deleted': 'Your account was deleted. We sent a confirmation to its email address.',
};

export function Component() {
  const config = useConfig();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const notice = NOTICES[params.get('notice') ?? ''];
  const invitation = useInvitationContext(params.get('redirectTo'));

  const form = useForm({ email: params.get('email') ?? '', password: '' }, validateSignIn);
  const [failure, setFailure] = useState<{ code: string; message: string; email: string } | null>(
    null,
  );

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await signIn(values);
      await navigate(redirectTo, { replace: true });
    } catch (error) {
      const emailProblem = isApiError(error, 'VALIDATION_ERROR')
        ? fieldErrorsFromApiError(error).email
        : undefined;
      if (emailProblem) return form.setFieldError('email', emailProblem);
      setFailure({
        code: isApiError(error) ? error.code : 'UNKNOWN',
        message: errorMessage(error),
        email: values.email.trim(),
      });
    }
  });

  const footer =
    config.signupMode === 'open' ? (
      <>
        Don&apos;t have an account?{' '}
        <Link
          to={withQuery('/sign-up', { redirectTo: params.get('redirectTo') })}
          className={textLinkClasses}
        >
          Sign up
        </Link>
      </>
    ) : (
      <>New accounts are by invitation only.</>
    );

  return (
    <AuthShell
      brand={<Brand />}
      title={invitation ? `Sign in to join ${invitation.organization.name}` : 'Sign in'}
      description={
        invitation
          ? `Sign in to your ${config.productName} account to accept the invitation.`
          : `Welcome back. Sign in to your ${config.productName} account.`
      }
      footer={footer}
    >
      <PageTitle title="Sign in" />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
        {notice && !failure ? <Alert variant="success">{notice}</Alert> : null}
        {invitation ? <InvitationContext invitation={invitation} /> : null}

        {failure?.code === 'EMAIL_NOT_VERIFIED' ? (
          <Alert variant="warning" role="alert" title="Verify your email to sign in">
            <p>
              We sent a verification link to{' '}
              <strong className="font-medium">{failure.email}</strong>. Open it to activate your
              account, or get a new link.
            </p>
            <div className="mt-3 space-y-3">
              <ResendVerificationButton email={failure.email} callbackURL={redirectTo} />
              <DevMailboxHint email={failure.email} />
            </div>
          </Alert>
        ) : failure ? (
          <Alert variant="error">{failure.message}</Alert>
        ) : null}

        <FormField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          {...form.field('email')}
        />
        <FormField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          labelAside={
            <Link
              to={withQuery('/forgot-password', { email: form.values.email.trim() || null })}
              className={textLinkClasses}
            >
              Forgot password?
            </Link>
          }
          {...form.field('password')}
        />
        <Button type="submit" fullWidth size="lg" loading={form.pending} loadingText="Signing in…">
          Sign in
        </Button>
      </form>
    </AuthShell>
  );
}

/** The invitation a sign-in leads back to (`redirectTo=/invite/<token>…`), once it has loaded. */
function useInvitationContext(redirectTo: string | null): InvitationPreview | null {
  const token = /^\/invite\/([^/?#]+)/.exec(redirectTo ?? '')?.[1];
  const [preview, setPreview] = useState<{ token: string; invitation: InvitationPreview } | null>(
    null,
  );
  useEffect(() => {
    if (!token) return;
    const controller = new AbortController();
    // The accept page explains an unusable invitation; here it only adds context, or nothing.
    fetchInvitationPreview(decodeURIComponent(token), controller.signal).then(
      (invitation) => setPreview({ token, invitation }),
      () => undefined,
    );
    return () => controller.abort();
  }, [token]);
  return preview && preview.token === token ? preview.invitation : null;
}

function InvitationContext({ invitation }: { invitation: InvitationPreview }) {
  const org = invitation.organization.name;
  const role = withArticle(roleWord(invitation.role));
  return (
    <div className="flex items-center gap-3 rounded-lg bg-gray-50 p-3 ring-1 ring-gray-950/5">
      <OrgAvatar name={org} size="md" />
      <p className="min-w-0 text-sm text-gray-600">
        {invitation.inviter ? (
          <>
            <span className="font-medium text-gray-950">{invitation.inviter.name}</span> invited you
            to join
          </>
        ) : (
          <>You&apos;re invited to join</>
        )}{' '}
        <span className="font-medium text-gray-950">{org}</span> as {role}.
      </p>
    </div>
  );
}
