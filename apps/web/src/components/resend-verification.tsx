import { Button, IconCheckCircle, IconMail } from '@kit/ui';
import { useState } from 'react';
import { errorMessage, isApiError, retryAfterSeconds } from '../lib/api';
import { sendVerificationEmail } from '../lib/auth';
import { useCooldown } from '../lib/use-cooldown';

const COOLDOWN_SECONDS = 30;

/** "Resend verification email" with its own sending, sent and error states and a short cooldown. */
export function ResendVerificationButton({
  email,
  callbackURL,
  variant = 'secondary',
  fullWidth,
}: {
  email: string;
  callbackURL?: string;
  variant?: 'primary' | 'secondary';
  fullWidth?: boolean;
}) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'error'>('idle');
  const [error, setError] = useState('');
  const cooldown = useCooldown();

  const resend = async () => {
    setState('sending');
    try {
      await sendVerificationEmail(email, callbackURL);
      setState('sent');
      cooldown.start(COOLDOWN_SECONDS);
    } catch (err) {
      // The server's wait, counted down on the button.
      if (isApiError(err, 'RATE_LIMITED'))
        cooldown.start(retryAfterSeconds(err) ?? COOLDOWN_SECONDS);
      setError(errorMessage(err));
      setState('error');
    }
  };

  return (
    <div className="space-y-2">
      <Button
        variant={variant}
        fullWidth={fullWidth}
        loading={state === 'sending'}
        loadingText="Sending…"
        aria-disabled={cooldown.remaining > 0 || state === 'sending' || undefined}
        className={cooldown.remaining > 0 ? 'opacity-60' : undefined}
        onClick={() => {
          if (cooldown.remaining === 0) void resend();
        }}
      >
        <IconMail className="size-4" />
        {cooldown.remaining > 0
          ? `Resend available in ${cooldown.remaining}s`
          : 'Resend verification email'}
      </Button>
      <div aria-live="polite" className="text-sm">
        {state === 'sent' ? (
          <p className="flex items-center gap-1.5 text-emerald-700">
            <IconCheckCircle className="size-4 shrink-0" />
            Sent. Check your inbox for a new link.
          </p>
        ) : null}
        {state === 'error' ? (
          <p role="alert" className="text-red-600">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
