import { cn } from './cn';

export type ProgressBarProps = {
  /** Accessible name, e.g. "Sending invitations". */
  label: string;
  /** Omit for an indeterminate bar (work in progress of unknown length). */
  value?: number;
  max?: number;
  /** Read out instead of the percentage, e.g. "120 of 300 rows". */
  valueText?: string;
  className?: string;
};

export function ProgressBar({ label, value, max = 100, valueText, className }: ProgressBarProps) {
  const determinate = value !== undefined;
  const percent = determinate ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={determinate ? 0 : undefined}
      aria-valuemax={determinate ? max : undefined}
      aria-valuenow={determinate ? value : undefined}
      aria-valuetext={valueText}
      className={cn('relative h-1.5 overflow-hidden rounded-full bg-gray-100', className)}
    >
      {determinate ? (
        <div
          className="h-full rounded-full bg-brand-600 transition-[width] duration-300"
          style={{ width: `${percent}%` }}
        />
      ) : (
        <div className="absolute animate-[indeterminate_1.4s_ease-in-out_infinite] inset-y-0 w-1/3 rounded-full bg-brand-600 motion-reduce:w-full motion-reduce:animate-none motion-reduce:opacity-50" />
      )}
    </div>
  );
}

export type MeterProps = {
  label: string;
  value: number;
  max: number;
  valueText?: string;
  className?: string;
};

/** A gauge of how much of something is used (e.g. seats); turns amber near and red at the limit. */
export function Meter({ label, value, max, valueText, className }: MeterProps) {
  const ratio = max > 0 ? Math.min(1, value / max) : 1;
  const tone = ratio >= 1 ? 'bg-red-500' : ratio >= 0.8 ? 'bg-amber-500' : 'bg-brand-600';
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      aria-valuetext={valueText}
      className={cn('h-2 overflow-hidden rounded-full bg-gray-100', className)}
    >
      <div
        className={cn('h-full rounded-full transition-[width] duration-500', tone)}
        style={{ width: `${ratio * 100}%` }}
      />
    </div>
  );
}
