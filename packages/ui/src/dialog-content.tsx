import * as Primitive from '@radix-ui/react-dialog';
import { useEffect, useRef } from 'react';
import { cn, focusRing } from './cn';
import type { DialogProps, DialogSize } from './dialog';
import { IconX } from './icons';

const sizes: Record<DialogSize, string> = {
  sm: 'sm:max-w-md',
  md: 'sm:max-w-lg',
  lg: 'sm:max-w-2xl',
};

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Keeps the page behind an open dialog from scrolling (through the CSSOM, which the CSP allows). */
function useScrollLock(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const root = document.documentElement;
    const previous = root.style.overflow;
    root.style.overflow = 'hidden';
    return () => {
      root.style.overflow = previous;
    };
  }, [active]);
}

/** The dialog itself, on Radix UI's Dialog; loaded the first time a dialog opens (see dialog.tsx). */
export default function DialogContent({
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
  const opener = useRef<HTMLElement | null>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useScrollLock(open);

  return (
    <Primitive.Root
      open={open}
      onOpenChange={(next) => {
        if (!next && dismissible) onCloseRef.current();
      }}
    >
      <Primitive.Portal>
        <div
          aria-hidden="true"
          className="fixed inset-0 z-50 bg-gray-950/40 backdrop-blur-[2px] transition duration-150 starting:opacity-0"
        />
        <Primitive.Content
          role={role}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onOpenAutoFocus={(event) => {
            event.preventDefault();
            opener.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
            const dialog = event.currentTarget as HTMLElement;
            const target =
              dialog.querySelector<HTMLElement>('[data-autofocus], [autofocus]') ??
              dialog.querySelector<HTMLElement>(
                'input:not([disabled]):not([type="hidden"]):not([readonly]), select:not([disabled]), textarea:not([disabled])',
              ) ??
              dialog.querySelector<HTMLElement>(`[data-dialog-body] :is(${FOCUSABLE})`);
            (target ?? dialog).focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            const back = opener.current;
            opener.current = null;
            // The opener may be gone (e.g. the row it belonged to was removed): fall back to the page.
            if (back?.isConnected) back.focus();
            else document.getElementById('main')?.focus();
          }}
          onEscapeKeyDown={(event) => {
            if (!dismissible) event.preventDefault();
          }}
          onInteractOutside={(event) => {
            if (!dismissible) event.preventDefault();
          }}
          className={cn(
            'fixed inset-x-0 bottom-0 z-50 mx-auto flex max-h-[calc(100dvh-1rem)] w-full flex-col text-gray-900 outline-hidden',
            'sm:inset-0 sm:m-auto sm:h-fit sm:max-h-[calc(100dvh-4rem)] sm:w-[calc(100%-2rem)]',
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
                <Primitive.Title className="text-base font-semibold text-gray-950">
                  {title}
                </Primitive.Title>
                {description ? (
                  <Primitive.Description asChild>
                    <div className="text-sm text-gray-600">{description}</div>
                  </Primitive.Description>
                ) : null}
              </div>
              {dismissible ? (
                <Primitive.Close
                  aria-label="Close"
                  className={cn(
                    '-mt-1 -mr-2 flex size-8 shrink-0 items-center justify-center rounded-lg text-gray-500 hover:bg-gray-100 hover:text-gray-700',
                    focusRing,
                  )}
                >
                  <IconX className="size-4" />
                </Primitive.Close>
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
        </Primitive.Content>
      </Primitive.Portal>
    </Primitive.Root>
  );
}
