import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import { cn } from './cn';
import { FieldMessages, fieldAria } from './form-field';
import { IconChevronDown } from './icons';
import { Label } from './label';

export const selectClasses =
  'block w-full appearance-none rounded-lg border-0 bg-white py-2 pr-9 pl-3 text-base text-gray-900 shadow-xs ring-1 ring-gray-300 ring-inset transition-shadow sm:text-sm/6 ' +
  'focus:ring-2 focus:ring-brand-600 focus:outline-hidden ' +
  'aria-invalid:ring-red-400 aria-invalid:focus:ring-red-600 ' +
  'disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500 disabled:ring-gray-200';

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  ref?: Ref<HTMLSelectElement>;
  /** Classes for the wrapper (width, margins); `className` goes on the <select>. */
  containerClassName?: string;
};

/** A native <select> styled like the inputs, with a chevron. */
export function Select({ className, containerClassName, ...props }: SelectProps) {
  return (
    <div className={cn('relative', containerClassName)}>
      <select className={cn(selectClasses, className)} {...props} />
      <IconChevronDown className="pointer-events-none absolute inset-y-0 right-2.5 my-auto size-4 text-gray-400" />
    </div>
  );
}

export type SelectFieldProps = SelectProps & {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
};

/** Label + select + hint + inline error, wired like FormField. */
export function SelectField({
  label,
  hint,
  error,
  id: idProp,
  'aria-describedby': describedBy,
  containerClassName,
  ...props
}: SelectFieldProps) {
  const autoId = useId();
  const id = idProp ?? `select${autoId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const hasError = Boolean(error);
  const aria = fieldAria(id, { hint: Boolean(hint), error: hasError, describedBy });
  return (
    <div className={cn('space-y-1.5', containerClassName)}>
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        aria-invalid={aria['aria-invalid']}
        aria-describedby={aria['aria-describedby']}
        {...props}
      />
      <FieldMessages aria={aria} error={error} hint={hint} />
    </div>
  );
}
