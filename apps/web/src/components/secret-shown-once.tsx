import { Alert, Button, toast } from '@kit/ui';
import type { ReactNode } from 'react';

/**
 * A secret the server shows once (an API key, a webhook signing secret): the value, a copy
 * button and Done. The server keeps only a hash or a sealed copy, so this is the one chance to
 * copy it; `children` says what the secret is for.
 */
export function SecretShownOnce({
  title,
  secret,
  label,
  copyLabel,
  copiedMessage,
  onDone,
  children,
}: {
  title: string;
  secret: string;
  /** The accessible name of the value ("New API key", "Signing secret"). */
  label: string;
  copyLabel: string;
  copiedMessage: string;
  onDone: () => void;
  children: ReactNode;
}) {
  return (
    <Alert
      variant="success"
      title={title}
      actions={
        <>
          <Button
            size="sm"
            variant="secondary"
            onClick={() =>
              void navigator.clipboard
                .writeText(secret)
                .then(() => toast(copiedMessage, { variant: 'success' }))
            }
          >
            {copyLabel}
          </Button>
          <Button size="sm" variant="ghost" onClick={onDone}>
            Done
          </Button>
        </>
      }
    >
      {children}
      <code
        className="mt-2 block rounded bg-white px-2 py-1 font-mono text-sm break-all text-gray-900"
        aria-label={label}
      >
        {secret}
      </code>
    </Alert>
  );
}
