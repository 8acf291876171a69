import type { ReactNode } from 'react';
import { cn } from './cn';

export type AuthShellProps = {
  /** Logo + product name, usually a link home. */
  brand?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Text under the card, e.g. "Don't have an account? Sign up". */
  footer?: ReactNode;
  className?: string;
};

/** The centred card layout for sign-in, sign-up and other account pages. */
export function AuthShell({
  brand,
  title,
  description,
  children,
  footer,
  className,
}: AuthShellProps) {
  return (
    <div className="relative flex min-h-dvh flex-col items-center bg-gray-50 px-4 py-10 sm:justify-center sm:py-16">
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 top-0 -z-0 h-72 bg-[radial-gradient(60%_100%_at_50%_0%,var(--color-brand-100),transparent)] opacity-70"
      />
      <main className={cn('relative w-full max-w-[26rem]', className)}>
        {brand ? <div className="mb-8 flex justify-center">{brand}</div> : null}
        <div className="rounded-card bg-white px-6 py-8 shadow-sm ring-1 ring-gray-950/[0.07] sm:px-8">
          <div className="mb-6 space-y-1.5">
            <h1 className="text-xl font-semibold tracking-tight text-gray-950">{title}</h1>
            {description ? <div className="text-sm text-gray-500">{description}</div> : null}
          </div>
          {children}
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-gray-500">{footer}</div> : null}
      </main>
    </div>
  );
}
