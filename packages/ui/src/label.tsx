import type { LabelHTMLAttributes } from 'react';
import { cn } from './cn';

export type LabelProps = LabelHTMLAttributes<HTMLLabelElement> & {
  /** Adds a visual "optional" marker; required is the default and is not marked. */
  optional?: boolean;
};

export function Label({ className, optional, children, ...props }: LabelProps) {
  return (
    <label className={cn('block text-sm/6 font-medium text-gray-900', className)} {...props}>
      {children}
      {optional ? <span className="ml-1 font-normal text-gray-500">(optional)</span> : null}
    </label>
  );
}
