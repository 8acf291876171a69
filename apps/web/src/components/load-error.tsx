import { Alert, Button } from '@kit/ui';
import { errorMessage } from '../lib/api';

/** A list or page that could not be loaded: what, why, and a way to try again. */
export function LoadError({
  what,
  error,
  onRetry,
}: {
  /** What could not be loaded, e.g. "the members". */
  what: string;
  error: unknown;
  onRetry: () => unknown;
}) {
  return (
    <Alert
      variant="error"
      title={`We couldn't load ${what}`}
      actions={
        <Button size="sm" variant="secondary" onClick={() => void onRetry()}>
          Try again
        </Button>
      }
    >
      {errorMessage(error)}
    </Alert>
  );
}
