import { lazy, Suspense, useState, type ReactNode } from 'react';

export type DialogSize = 'sm' | 'md' | 'lg';

export type DialogProps = {
  open: boolean;
  /** Called on Escape, a click on the backdrop or the close button. */
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons shown in the dialog's footer bar. */
  footer?: ReactNode;
  size?: DialogSize;
  /** `alertdialog` for confirmations of destructive actions. */
  role?: 'dialog' | 'alertdialog';
  /** Keeps the dialog open on Escape and backdrop clicks, e.g. while a request is running. */
  dismissible?: boolean;
  className?: string;
};

// Radix's dialog (focus trap, hiding the rest of the page from assistive technology) is only
// needed once a dialog opens: it is a chunk of its own, loaded then, not with the page.
const DialogContent = lazy(() => import('./dialog-content'));

/**
 * A modal dialog on Radix UI's Dialog: focus is trapped inside and the rest of the page is hidden
 * from assistive technology. On open, focus goes to the element marked `data-autofocus` (or
 * `autoFocus`), else the first field, else the dialog itself; on close it returns to the element
 * that opened it (or the page's main region when that element is gone). Radix's own overlay is
 * not used: it locks scrolling with an injected <style> element, which the page's CSP refuses.
 * Nothing is rendered (or loaded) until the dialog first opens.
 */
export function Dialog(props: DialogProps) {
  const [used, setUsed] = useState(props.open);
  if (props.open && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <DialogContent {...props} />
    </Suspense>
  );
}
