import { lazy, Suspense, useState, useSyncExternalStore } from 'react';

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

export const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
export const snapshot = () => toasts;

// Radix's toast (timers, swipe, the F8 hotkey) is needed once there is something to show: it is a
// chunk of its own, loaded with the first toast, not with the page.
const ToastList = lazy(() => import('./toast-list'));

/**
 * Where toasts appear (Radix UI's Toast: timers that pause on hover, focus and a hidden window,
 * swipe to dismiss, F8 to reach them); render it once near the root of the app. The list itself is
 * the live region (errors are alerts), rather than Radix's hidden copy of each toast's text, so
 * the page holds each message once. Nothing is rendered (or loaded) before the first toast.
 */
export function Toaster() {
  const items = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [used, setUsed] = useState(items.length > 0);
  if (items.length > 0 && !used) setUsed(true);
  if (!used) return null;
  return (
    <Suspense fallback={null}>
      <ToastList />
    </Suspense>
  );
}
