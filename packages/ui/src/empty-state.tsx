import type { ReactNode } from 'react';
import { cn } from './cn';

export type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links, e.g. a call to action. */
  action?: ReactNode;
  className?: string;
  /** Heading level for the title (default h3). */
  as?: 'h1' | 'h2' | 'h3';
};

export function EmptyState({
  icon,
  title,
  description,
  action,
  className,
  as: Heading = 'h3',
}: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center px-6 py-12 text-center', className)}>
      {icon ? (
        <div className="mb-4 flex size-12 items-center justify-center rounded-xl bg-gray-50 text-gray-400 ring-1 ring-gray-950/5 [&>svg]:size-6">
          {icon}
        </div>
      ) : null}
      <Heading className="text-sm font-semibold text-gray-900">{title}</Heading>
      {description ? <p className="mt-1 max-w-sm text-sm text-gray-500">{description}</p> : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-3">{action}</div> : null}
    </div>
  );
}
