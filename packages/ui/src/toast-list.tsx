import * as Primitive from '@radix-ui/react-toast';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { cn, focusRing } from './cn';
import { IconAlertCircle, IconCheckCircle, IconInfo, IconX } from './icons';
import { dismissToast, snapshot, subscribe } from './toast';

const icons = {
  success: <IconCheckCircle className="mt-0.5 size-4 shrink-0 text-emerald-600" />,
  error: <IconAlertCircle className="mt-0.5 size-4 shrink-0 text-red-600" />,
  info: <IconInfo className="mt-0.5 size-4 shrink-0 text-brand-600" />,
};

/** The toasts on Radix UI's Toast; loaded with the first toast (see Toaster in toast.tsx). */
export default function ToastList() {
  const all = useSyncExternalStore(subscribe, snapshot, snapshot);
  // The live region is in the page before the first toast goes into it: screen readers announce
  // changes to a live region they already know, not the content it was created with.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), 50);
    return () => clearTimeout(timer);
  }, []);
  const items = ready ? all : [];
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
