import { useEffect, useSyncExternalStore } from 'react';
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
 * It goes away by itself after a few seconds; returns its id.
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
  success: <IconCheckCircle className="mt-0.5 size-4 shrink-0 text-emerald-500" />,
  error: <IconAlertCircle className="mt-0.5 size-4 shrink-0 text-red-500" />,
  info: <IconInfo className="mt-0.5 size-4 shrink-0 text-brand-500" />,
};

function ToastItem({ item }: { item: Toast }) {
  useEffect(() => {
    const timer = window.setTimeout(
      () => dismissToast(item.id),
      item.variant === 'error' ? 8000 : 5000,
    );
    return () => window.clearTimeout(timer);
  }, [item.id, item.variant]);

  return (
    <li
      className={cn(
        'pointer-events-auto flex w-full items-start gap-3 rounded-xl bg-white p-3.5 text-sm shadow-lg ring-1 ring-gray-950/10',
        'transition duration-200 ease-out starting:translate-y-2 starting:opacity-0',
      )}
    >
      {icons[item.variant]}
      <div className="min-w-0 flex-1">
        <p className="font-medium text-gray-950">{item.message}</p>
        {item.description ? <p className="mt-0.5 text-gray-500">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(item.id)}
        aria-label="Dismiss notification"
        className={cn(
          '-m-1 flex size-6 shrink-0 items-center justify-center rounded-md text-gray-400 hover:text-gray-600',
          focusRing,
        )}
      >
        <IconX className="size-3.5" />
      </button>
    </li>
  );
}

/** Where toasts appear; render it once near the root of the app. */
export function Toaster() {
  const items = useSyncExternalStore(subscribe, snapshot, snapshot);
  const polite = items.filter((t) => t.variant !== 'error');
  const urgent = items.filter((t) => t.variant === 'error');
  const list = 'flex w-full flex-col gap-2';
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-0 z-[70] flex flex-col items-center gap-2 p-4 sm:items-end sm:p-6">
      <div className="w-full max-w-sm">
        <ol aria-live="polite" aria-label="Notifications" className={list}>
          {polite.map((item) => (
            <ToastItem key={item.id} item={item} />
          ))}
        </ol>
        <ol
          aria-live="assertive"
          aria-label="Errors"
          className={cn(list, urgent.length && polite.length ? 'mt-2' : '')}
        >
          {urgent.map((item) => (
            <ToastItem key={item.id} item={item} />
          ))}
        </ol>
      </div>
    </div>
  );
}
