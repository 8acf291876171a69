import {
  Alert,
  AuthShell,
  Button,
  buttonClasses,
  FormField,
  IconLock,
  textLinkClasses,
} from '@kit/ui';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { NewPasswordField } from '../components/new-password-field';
import { PageTitle } from '../components/page-title';
import { errorMessage, hasErrorCode, isApiError } from '../lib/api';
import { signUp } from '../lib/auth';
import { useConfig } from '../lib/config';
import { safeRedirect, withQuery } from '../lib/redirect';
import { useForm } from '../lib/use-form';
import { fieldErrorsFromApiError, fieldForErrorCode, validateSignUp } from '../lib/validation';

export function Component() {
  const config = useConfig();
  const [closed, setClosed] = useState(false);
  if (config.signupMode === 'invite-only' || closed) return <InvitationRequired />;
  return <SignUpForm onSignupDisabled={() => setClosed(true)} />;
}

function SignUpForm({ onSignupDisabled }: { onSignupDisabled: () => void }) {
  const config = useConfig();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const redirectParam = params.get('redirectTo');
  const form = useForm(
    { name: '', email: params.get('email') ?? '', password: '' },
    validateSignUp,
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [takenEmail, setTakenEmail] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp(values, safeRedirect(redirectParam));
      await navigate(withQuery('/verify-email', { email: values.email.trim() }), { replace: true });
    } catch (error) {
      if (hasErrorCode(error, 'SIGNUP_DISABLED')) return onSignupDisabled();
      if (hasErrorCode(error, 'USER_ALREADY_EXISTS')) {
        setTakenEmail(values.email);
        return form.setFieldError('email', 'An account with this email already exists.');
      }
      const field = isApiError(error) ? fieldForErrorCode(error.code) : null;
      if (field) return form.setFieldError(field, errorMessage(error));
      if (isApiError(error, 'VALIDATION_ERROR')) {
        const fields = fieldErrorsFromApiError(error);
        const known = (['name', 'email', 'password'] as const).filter((k) => fields[k]);
        if (known.length) return known.forEach((k) => form.setFieldError(k, fields[k]!));
      }
      setFormError(errorMessage(error));
    }
  });

  const emailField = form.field('email');
  const emailTaken =
    takenEmail !== null && takenEmail === form.values.email && Boolean(emailField.error);

  return (
    <AuthShell
      brand={<Brand />}
      title="Create your account"
      description={`Get started with ${config.productName} in less than a minute.`}
      footer={
        <>
          Already have an account?{' '}
          <Link
            to={withQuery('/sign-in', { redirectTo: redirectParam })}
            className={textLinkClasses}
          >
            Sign in
          </Link>
        </>
      }
    >
      <PageTitle title="Sign up" />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
        {formError ? <Alert variant="error">{formError}</Alert> : null}
        <FormField label="Full name" autoComplete="name" required {...form.field('name')} />
        <FormField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          {...emailField}
          error={
            emailTaken ? (
              <>
                An account with this email already exists.{' '}
                <Link
                  to={withQuery('/sign-in', {
                    email: form.values.email.trim(),
                    redirectTo: redirectParam,
                  })}
                  className="font-medium underline underline-offset-2"
                >
                  Sign in instead
                </Link>
              </>
            ) : (
              emailField.error
            )
          }
        />
        <NewPasswordField {...form.field('password')} />
        <Button
          type="submit"
          fullWidth
          size="lg"
          loading={form.pending}
          loadingText="Creating account…"
        >
          Create account
        </Button>
      </form>
    </AuthShell>
  );
}

function InvitationRequired() {
  const config = useConfig();
  return (
    <AuthShell
      brand={<Brand />}
      title="Joining is by invitation"
      description={`${config.productName} accounts are created from an invitation.`}
    >
      <PageTitle title="Invitation required" />
      <div className="space-y-6">
        <div className="flex gap-3 rounded-lg bg-gray-50 p-4 text-sm text-gray-600 ring-1 ring-gray-950/5">
          <IconLock className="mt-0.5 size-4 shrink-0 text-gray-400" />
          <p>
            Ask an owner or admin of your organization to invite you. You&apos;ll get an email with
            a link to create your account and join the team.
          </p>
        </div>
        <Link
          to="/sign-in"
          className={buttonClasses({ variant: 'secondary', size: 'lg', fullWidth: true })}
        >
          Back to sign in
        </Link>
      </div>
    </AuthShell>
  );
}
