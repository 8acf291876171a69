import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn, focusRing } from './cn';
import { IconX } from './icons';

export type DialogSize = 'sm' | 'md' | 'lg';

const sizes: Record<DialogSize, string> = {
  sm: 'sm:max-w-md',
  md: 'sm:max-w-lg',
  lg: 'sm:max-w-2xl',
};

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

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> element: `showModal()` makes the rest of the page inert,
 * so focus stays inside. On open, focus goes to the element marked `data-autofocus` (or `autoFocus`),
 * else the first field, else the dialog itself; on close it returns to the element that opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = 'md',
  role = 'dialog',
  dismissible = true,
  className,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const target =
      dialog.querySelector<HTMLElement>('[data-autofocus], [autofocus]') ??
      dialog.querySelector<HTMLElement>(
        'input:not([disabled]):not([type="hidden"]):not([readonly]), select:not([disabled]), textarea:not([disabled])',
      ) ??
      dialog.querySelector<HTMLElement>(`[data-dialog-body] :is(${FOCUSABLE})`);
    (target ?? dialog).focus();
    return () => {
      if (dialog.open) dialog.close();
      const back = opener.current;
      opener.current = null;
      // The opener may be gone (e.g. the row it belonged to was removed): fall back to the page.
      if (back?.isConnected) back.focus();
      else document.getElementById('main')?.focus();
    };
  }, [open]);

  if (!open) return null;

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      tabIndex={-1}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onCloseRef.current();
      }}
      onClick={(event) => {
        // A click on the ::backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget && dismissible) onCloseRef.current();
      }}
      className={cn(
        'fixed inset-x-0 bottom-0 mx-auto mt-auto mb-0 max-h-[calc(100dvh-1rem)] w-full max-w-none overflow-visible bg-transparent p-0 text-gray-900 outline-hidden',
        'sm:inset-0 sm:m-auto sm:h-fit sm:max-h-[calc(100dvh-4rem)] sm:w-[calc(100%-2rem)]',
        'backdrop:bg-gray-950/40 backdrop:backdrop-blur-[2px]',
        sizes[size],
      )}
    >
      <div
        className={cn(
          'flex max-h-[inherit] flex-col overflow-hidden rounded-t-2xl bg-white shadow-xl ring-1 ring-gray-950/10 sm:rounded-card',
          'transition duration-150 ease-out starting:translate-y-2 starting:opacity-0',
          className,
        )}
      >
        <div className="flex items-start justify-between gap-4 px-5 pt-5 sm:px-6">
          <div className="min-w-0 space-y-1">
            <h2 id={`${id}-title`} className="text-base font-semibold text-gray-950">
              {title}
            </h2>
            {description ? (
              <div id={`${id}-description`} className="text-sm text-gray-500">
                {description}
              </div>
            ) : null}
          </div>
          {dismissible ? (
            <button
              type="button"
              onClick={() => onCloseRef.current()}
              aria-label="Close"
              className={cn(
                '-mt-1 -mr-2 flex size-8 shrink-0 items-center justify-center rounded-lg text-gray-400 hover:bg-gray-100 hover:text-gray-600',
                focusRing,
              )}
            >
              <IconX className="size-4" />
            </button>
          ) : null}
        </div>
        <div data-dialog-body className="min-h-0 flex-1 overflow-y-auto px-5 pt-4 pb-5 sm:px-6">
          {children}
        </div>
        {footer ? (
          <div className="flex flex-col-reverse gap-2 border-t border-gray-950/[0.06] bg-gray-50/70 px-5 py-3.5 sm:flex-row sm:justify-end sm:px-6">
            {footer}
          </div>
        ) : null}
      </div>
    </dialog>
  );
}
