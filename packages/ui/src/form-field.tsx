import { useId, type ReactNode } from 'react';
import { cn } from './cn';
import { IconAlertCircle } from './icons';
import { Input, PasswordInput, type InputProps } from './input';
import { Label } from './label';

/** The ids and ARIA attributes that tie a control to its hint and error text. */
export function fieldAria(
  id: string,
  opts: { hint?: boolean; error?: boolean; describedBy?: string },
): {
  hintId: string;
  errorId: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
} {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [opts.describedBy, opts.error ? errorId : null, opts.hint ? hintId : null]
    .filter(Boolean)
    .join(' ');
  return {
    hintId,
    errorId,
    'aria-invalid': opts.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
}

/** A field's error (announced with the field) and hint, below the control. */
export function FieldMessages({
  aria,
  error,
  hint,
}: {
  aria: ReturnType<typeof fieldAria>;
  error?: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <>
      {error ? (
        <p id={aria.errorId} className="flex items-start gap-1.5 text-sm text-red-600">
          <IconAlertCircle className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      ) : null}
      {hint ? (
        <p id={aria.hintId} className="text-sm text-gray-500">
          {hint}
        </p>
      ) : null}
    </>
  );
}

export type FormFieldProps = InputProps & {
  label: ReactNode;
  /** Help text shown under the input (linked with aria-describedby). */
  hint?: ReactNode;
  /** Inline error; marks the input aria-invalid and is linked with aria-describedby. */
  error?: ReactNode;
  /** Something to show at the right of the label, e.g. a "Forgot password?" link. */
  labelAside?: ReactNode;
  optional?: boolean;
  containerClassName?: string;
};

/** Label + input + hint + inline error, wired together with ids. Password inputs get a reveal toggle. */
export function FormField({
  label,
  hint,
  error,
  labelAside,
  optional,
  containerClassName,
  id: idProp,
  type,
  'aria-describedby': describedByProp,
  ...inputProps
}: FormFieldProps) {
  const autoId = useId();
  const id = idProp ?? `field${autoId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const aria = fieldAria(id, {
    hint: Boolean(hint),
    error: hasError,
    describedBy: describedByProp,
  });
  const control = {
    id,
    'aria-invalid': aria['aria-invalid'],
    'aria-describedby': aria['aria-describedby'],
    ...inputProps,
  };

  return (
    <div className={cn('space-y-1.5', containerClassName)}>
      <div className="flex items-center justify-between gap-4">
        <Label htmlFor={id} optional={optional}>
          {label}
        </Label>
        {labelAside ? <div className="text-sm">{labelAside}</div> : null}
      </div>
      {type === 'password' ? <PasswordInput {...control} /> : <Input type={type} {...control} />}
      <FieldMessages aria={aria} error={hasError ? error : undefined} hint={hint} />
    </div>
  );
}
