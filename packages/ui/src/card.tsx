import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn('rounded-card bg-white shadow-xs ring-1 ring-gray-950/[0.07]', className)}
      {...props}
    />
  );
}

export type CardHeaderProps = Omit<HTMLAttributes<HTMLDivElement>, 'title'> & {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or badges aligned to the right of the title. */
  actions?: ReactNode;
  /** Heading level for the title (default h2). */
  as?: 'h1' | 'h2' | 'h3';
};

export function CardHeader({
  title,
  description,
  actions,
  as: Heading = 'h2',
  className,
  ...props
}: CardHeaderProps) {
  return (
    <div
      className={cn(
        'flex flex-wrap items-start justify-between gap-x-4 gap-y-2 px-5 pt-5 sm:px-6 sm:pt-6',
        className,
      )}
      {...props}
    >
      <div className="min-w-0 space-y-1">
        <Heading className="text-base font-semibold text-gray-950">{title}</Heading>
        {description ? <p className="text-sm text-gray-500">{description}</p> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function CardContent({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn('px-5 py-5 sm:px-6', className)} {...props} />;
}

export function CardFooter({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn(
        'flex flex-wrap items-center justify-end gap-3 rounded-b-card border-t border-gray-950/[0.06] bg-gray-50/70 px-5 py-3.5 sm:px-6',
        className,
      )}
      {...props}
    />
  );
}
