import * as Primitive from '@radix-ui/react-toast';
import { useSyncExternalStore } from 'react';
import { cn, focusRing } from './cn';
import { IconAlertCircle, IconCheckCircle, IconInfo, IconX } from './icons';

export type ToastVariant = 'success' | 'error' | 'info';

export type Toast = {
  id: number;
  message: string;
  description?: string;
  variant: ToastVariant;
};

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

/** Removes a toast before its time is up. */
export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

/**
 * Shows a short notice at the bottom of the screen, read out by screen readers (errors assertively).
 * It goes away by itself after a few seconds (the timer pauses while hovered or focused); returns its id.
 */
export function toast(
  message: string,
  options: { description?: string; variant?: ToastVariant } = {},
): number {
  const id = nextId++;
  toasts = [
    ...toasts.slice(-2),
    { id, message, variant: options.variant ?? 'success', ...options },
  ];
  emit();
  return id;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const snapshot = () => toasts;

const icons = {
  success: <IconCheckCircle className="mt-0.5 size-4 shrink-0 text-emerald-600" />,
  error: <IconAlertCircle className="mt-0.5 size-4 shrink-0 text-red-600" />,
  info: <IconInfo className="mt-0.5 size-4 shrink-0 text-brand-600" />,
};

/**
 * Where toasts appear (Radix UI's Toast: timers that pause on hover, focus and a hidden window,
 * swipe to dismiss, F8 to reach them); render it once near the root of the app. The list itself is
 * the live region (errors are alerts), rather than Radix's hidden copy of each toast's text, so
 * the page holds each message once.
 */
export function Toaster() {
  const items = useSyncExternalStore(subscribe, snapshot, snapshot);
  return (
    <Primitive.Provider swipeDirection="right" label="Notification">
      {items.map((item) => (
        <Primitive.Root
          key={item.id}
          type={item.variant === 'error' ? 'foreground' : 'background'}
          role={item.variant === 'error' ? 'alert' : undefined}
          duration={item.variant === 'error' ? 8000 : 5000}
          onOpenChange={(open) => {
            if (!open) dismissToast(item.id);
          }}
          className={cn(
            'pointer-events-auto flex w-full items-start gap-3 rounded-xl bg-white p-3.5 text-sm shadow-lg ring-1 ring-gray-950/10',
            'transition duration-200 ease-out starting:translate-y-2 starting:opacity-0',
            'data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none',
          )}
        >
          {icons[item.variant]}
          <div className="min-w-0 flex-1" data-radix-toast-announce-exclude="">
            <Primitive.Title className="font-medium text-gray-950">{item.message}</Primitive.Title>
            {item.description ? (
              <Primitive.Description className="mt-0.5 text-gray-600">
                {item.description}
              </Primitive.Description>
            ) : null}
          </div>
          <Primitive.Close
            data-radix-toast-announce-exclude=""
            aria-label="Dismiss notification"
            className={cn(
              '-m-1 flex size-6 shrink-0 items-center justify-center rounded-md text-gray-500 hover:text-gray-700',
              focusRing,
            )}
          >
            <IconX className="size-3.5" />
          </Primitive.Close>
        </Primitive.Root>
      ))}
      <Primitive.Viewport
        label="Notifications ({hotkey})"
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[70] mx-auto flex w-full max-w-sm flex-col gap-2 p-4 outline-hidden sm:right-0 sm:left-auto sm:mx-0 sm:p-6"
      />
    </Primitive.Provider>
  );
}
