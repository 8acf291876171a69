import { Alert, AuthShell, Button, FormField, textLinkClasses } from '@kit/ui';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { DevMailboxHint } from '../components/dev-mailbox-link';
import { PageTitle } from '../components/page-title';
import { ResendVerificationButton } from '../components/resend-verification';
import { errorMessage, isApiError } from '../lib/api';
import { signIn } from '../lib/auth';
import { useConfig } from '../lib/config';
import { safeRedirect, withQuery } from '../lib/redirect';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromApiError, validateSignIn } from '../lib/validation';

const NOTICES: Record<string, string> = {
  'password-reset': 'Your password has been changed. Sign in with your new password.',
  'signed-out': 'You have been signed out.',
};

export function Component() {
  const config = useConfig();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get('redirectTo'));
  const notice = NOTICES[params.get('notice') ?? ''];

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
      title="Sign in"
      description={`Welcome back. Sign in to your ${config.productName} account.`}
      footer={footer}
    >
      <PageTitle title="Sign in" />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
        {notice && !failure ? <Alert variant="success">{notice}</Alert> : null}

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
