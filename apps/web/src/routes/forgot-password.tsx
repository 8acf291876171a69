import {
  Alert,
  AuthShell,
  Button,
  FormField,
  IconArrowLeft,
  IconMail,
  textLinkClasses,
} from '@kit/ui';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { DevMailboxHint } from '../components/dev-mailbox-link';
import { PageTitle } from '../components/page-title';
import { errorMessage, isApiError, NETWORK_ERROR } from '../lib/api';
import { requestPasswordReset } from '../lib/auth';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromApiError, validateEmailForm } from '../lib/validation';

/** Only errors that say nothing about whether the account exists are shown; anything else looks like success. */
function isVisibleFailure(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.code === NETWORK_ERROR || error.status === 429 || error.status >= 500;
}

export function Component() {
  const [params] = useSearchParams();
  const form = useForm({ email: params.get('email') ?? '' }, validateEmailForm);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async ({ email }) => {
    setFailure(null);
    try {
      await requestPasswordReset(email);
    } catch (error) {
      if (isApiError(error, 'INVALID_EMAIL'))
        return form.setFieldError('email', errorMessage(error));
      const emailProblem = isApiError(error, 'VALIDATION_ERROR')
        ? fieldErrorsFromApiError(error).email
        : undefined;
      if (emailProblem) return form.setFieldError('email', emailProblem);
      if (isVisibleFailure(error)) return setFailure(errorMessage(error));
    }
    setSentTo(email.trim());
  });

  const backToSignIn = (
    <Link to="/sign-in" className={`inline-flex items-center gap-1.5 ${textLinkClasses}`}>
      <IconArrowLeft className="size-4" />
      Back to sign in
    </Link>
  );

  if (sentTo) {
    return (
      <AuthShell brand={<Brand />} title="Check your email" footer={backToSignIn}>
        <PageTitle title="Check your email" />
        <div className="space-y-6">
          <div className="flex gap-4">
            <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-brand-50 text-brand-600 ring-1 ring-brand-600/10">
              <IconMail className="size-5" />
            </div>
            <p role="status" className="text-sm text-gray-600">
              If an account exists for{' '}
              <strong className="font-medium text-gray-900">{sentTo}</strong>, we sent a link to
              reset your password. The link works once and expires soon, so use it shortly.
            </p>
          </div>
          <DevMailboxHint email={sentTo} />
          <Button
            variant="secondary"
            fullWidth
            onClick={() => {
              setSentTo(null);
              form.reset({ email: '' });
            }}
          >
            Use a different email
          </Button>
        </div>
      </AuthShell>
    );
  }

  return (
    <AuthShell
      brand={<Brand />}
      title="Reset your password"
      description="Enter the email you signed up with and we'll send you a link to choose a new password."
      footer={backToSignIn}
    >
      <PageTitle title="Forgot password" />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
        {failure ? <Alert variant="error">{failure}</Alert> : null}
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
        <Button
          type="submit"
          fullWidth
          size="lg"
          loading={form.pending}
          loadingText="Sending link…"
        >
          Send reset link
        </Button>
      </form>
    </AuthShell>
  );
}
