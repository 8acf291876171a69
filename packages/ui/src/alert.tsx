import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';
import { IconAlertCircle, IconAlertTriangle, IconCheckCircle, IconInfo } from './icons';

export type AlertVariant = 'error' | 'success' | 'info' | 'warning';

const styles: Record<AlertVariant, { box: string; icon: string; Icon: typeof IconInfo }> = {
  error: {
    box: 'bg-red-50 text-red-800 ring-red-600/15',
    icon: 'text-red-500',
    Icon: IconAlertCircle,
  },
  success: {
    box: 'bg-emerald-50 text-emerald-800 ring-emerald-600/15',
    icon: 'text-emerald-500',
    Icon: IconCheckCircle,
  },
  info: {
    box: 'bg-brand-50 text-brand-900 ring-brand-600/15',
    icon: 'text-brand-500',
    Icon: IconInfo,
  },
  warning: {
    box: 'bg-amber-50 text-amber-900 ring-amber-600/20',
    icon: 'text-amber-500',
    Icon: IconAlertTriangle,
  },
};

export type AlertProps = Omit<HTMLAttributes<HTMLDivElement>, 'title'> & {
  variant?: AlertVariant;
  title?: ReactNode;
  /** Buttons or links shown under the message. */
  actions?: ReactNode;
};

/**
 * A message box. Errors use role="alert" (announced immediately); other variants use role="status".
 */
export function Alert({
  variant = 'info',
  title,
  actions,
  children,
  className,
  role,
  ...props
}: AlertProps) {
  const { box, icon, Icon } = styles[variant];
  return (
    <div
      role={role ?? (variant === 'error' ? 'alert' : 'status')}
      className={cn('flex gap-3 rounded-lg p-3.5 text-sm ring-1 ring-inset', box, className)}
      {...props}
    >
      <Icon className={cn('mt-0.5 size-4 shrink-0', icon)} />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className={cn(title && 'opacity-90')}>{children}</div> : null}
        {actions ? <div className="flex flex-wrap items-center gap-3 pt-2">{actions}</div> : null}
      </div>
    </div>
  );
}
