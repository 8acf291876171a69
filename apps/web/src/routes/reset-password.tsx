import {
  Alert,
  AuthShell,
  Button,
  buttonClasses,
  FormField,
  IconAlertTriangle,
  textLinkClasses,
} from '@kit/ui';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Brand } from '../components/brand';
import { NewPasswordField } from '../components/new-password-field';
import { PageTitle } from '../components/page-title';
import { errorMessage, isApiError } from '../lib/api';
import { resetPassword } from '../lib/auth';
import { fieldForErrorCode, validateResetPassword } from '../lib/validation';
import { useForm } from '../lib/use-form';

const EXPIRED_CODES = new Set(['INVALID_TOKEN', 'TOKEN_EXPIRED', 'EXPIRED_TOKEN']);

export function Component() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [expired, setExpired] = useState(false);

  if (!token || params.get('error') || expired) return <ExpiredLink />;
  return <ResetPasswordForm token={token} onExpired={() => setExpired(true)} />;
}

function ResetPasswordForm({ token, onExpired }: { token: string; onExpired: () => void }) {
  const navigate = useNavigate();
  const form = useForm({ password: '', confirmPassword: '' }, validateResetPassword);
  const [failure, setFailure] = useState<string | null>(null);

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await resetPassword(token, password);
      await navigate('/sign-in?notice=password-reset', { replace: true });
    } catch (error) {
      if (isApiError(error) && EXPIRED_CODES.has(error.code)) return onExpired();
      if (isApiError(error) && fieldForErrorCode(error.code) === 'password') {
        return form.setFieldError('password', errorMessage(error));
      }
      setFailure(errorMessage(error));
    }
  });

  return (
    <AuthShell
      brand={<Brand />}
      title="Choose a new password"
      description="Pick a password you don't use anywhere else. Changing it signs you out on all devices."
      footer={
        <Link to="/sign-in" className={textLinkClasses}>
          Back to sign in
        </Link>
      }
    >
      <PageTitle title="Reset password" />
      <form id={form.formId} onSubmit={onSubmit} noValidate className="space-y-5">
        {failure ? <Alert variant="error">{failure}</Alert> : null}
        <NewPasswordField label="New password" {...form.field('password')} />
        <FormField
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          {...form.field('confirmPassword')}
        />
        <Button type="submit" fullWidth size="lg" loading={form.pending} loadingText="Saving…">
          Reset password
        </Button>
      </form>
    </AuthShell>
  );
}

function ExpiredLink() {
  return (
    <AuthShell brand={<Brand />} title="This link has expired">
      <PageTitle title="Link expired" />
      <div className="space-y-6">
        <div role="alert" className="flex gap-4">
          <div className="flex size-10 shrink-0 items-center justify-center rounded-full bg-amber-50 text-amber-500 ring-1 ring-amber-600/15">
            <IconAlertTriangle className="size-5" />
          </div>
          <p className="text-sm text-gray-600">
            This password reset link is invalid or has expired. Links work only once and for a
            limited time. Request a new one and use the latest email we send you.
          </p>
        </div>
        <div className="space-y-3">
          <Link to="/forgot-password" className={buttonClasses({ size: 'lg', fullWidth: true })}>
            Request a new link
          </Link>
          <Link
            to="/sign-in"
            className={buttonClasses({ variant: 'ghost', size: 'lg', fullWidth: true })}
          >
            Back to sign in
          </Link>
        </div>
      </div>
    </AuthShell>
  );
}
