import { Alert, Button, Dialog, FormField } from '@kit/ui';
import { useState, type ReactNode } from 'react';
import { errorMessage, isApiError } from '../lib/api';

export type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  cancelLabel?: string;
  destructive?: boolean;
  /**
   * Asks the person to type this text (e.g. the organization's name) before the button works.
   */
  confirmText?: string;
  /** Runs the action; a thrown error is shown in the dialog, which stays open. */
  onConfirm: () => Promise<void> | void;
};

/**
 * "Are you sure?" for actions that cannot be undone: an alertdialog whose focus starts on Cancel
 * (or on the confirmation field), with the failure shown in place when the action fails.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel,
  cancelLabel = 'Cancel',
  destructive = false,
  confirmText,
  onConfirm,
}: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; remediation?: string } | null>(null);
  const [typed, setTyped] = useState('');
  const matches = !confirmText || typed.trim() === confirmText.trim();

  const close = () => {
    if (pending) return;
    setFailure(null);
    setTyped('');
    onClose();
  };

  const confirm = async () => {
    if (!matches || pending) return;
    setPending(true);
    setFailure(null);
    try {
      await onConfirm();
      setTyped('');
    } catch (error) {
      setFailure({
        message: errorMessage(error),
        remediation: isApiError(error) ? error.remediation : undefined,
      });
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      role="alertdialog"
      size="sm"
      title={title}
      description={description}
      dismissible={!pending}
      footer={
        <>
          <Button
            variant="secondary"
            onClick={close}
            disabled={pending}
            data-autofocus={confirmText ? undefined : true}
          >
            {cancelLabel}
          </Button>
          <Button
            variant={destructive ? 'danger' : 'primary'}
            onClick={() => void confirm()}
            loading={pending}
            loadingText={pendingLabel}
            aria-disabled={!matches || undefined}
            className={matches ? undefined : 'opacity-50'}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void confirm();
        }}
      >
        {children}
        {failure ? (
          <Alert variant="error" title={failure.message}>
            {failure.remediation}
          </Alert>
        ) : null}
        {confirmText ? (
          <FormField
            label={
              <>
                Type <span className="font-semibold">{confirmText}</span> to confirm
              </>
            }
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
        ) : null}
      </form>
    </Dialog>
  );
}
