import type { HTMLAttributes } from 'react';
import { cn } from './cn';

export type BadgeVariant = 'gray' | 'brand' | 'success' | 'warning' | 'danger';

const variants: Record<BadgeVariant, { box: string; dot: string }> = {
  gray: { box: 'bg-gray-50 text-gray-700 ring-gray-500/20', dot: 'bg-gray-400' },
  brand: { box: 'bg-brand-50 text-brand-700 ring-brand-600/20', dot: 'bg-brand-500' },
  success: { box: 'bg-emerald-50 text-emerald-700 ring-emerald-600/20', dot: 'bg-emerald-500' },
  warning: { box: 'bg-amber-50 text-amber-800 ring-amber-600/25', dot: 'bg-amber-500' },
  danger: { box: 'bg-red-50 text-red-700 ring-red-600/20', dot: 'bg-red-500' },
};

export type BadgeProps = HTMLAttributes<HTMLSpanElement> & {
  variant?: BadgeVariant;
  dot?: boolean;
};

export function Badge({
  variant = 'gray',
  dot = false,
  className,
  children,
  ...props
}: BadgeProps) {
  const v = variants[variant];
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        v.box,
        className,
      )}
      {...props}
    >
      {dot ? <span className={cn('size-1.5 rounded-full', v.dot)} aria-hidden="true" /> : null}
      {children}
    </span>
  );
}
