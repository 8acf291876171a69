import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { cn } from './cn';
import { FieldMessages, fieldAria } from './form-field';
import { inputClasses } from './input';
import { Label } from './label';

export type TextareaProps = TextareaHTMLAttributes<HTMLTextAreaElement> & {
  ref?: Ref<HTMLTextAreaElement>;
};

export function Textarea({ className, ...props }: TextareaProps) {
  return <textarea className={cn(inputClasses, 'min-h-20 resize-y', className)} {...props} />;
}

export type TextareaFieldProps = TextareaProps & {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  labelAside?: ReactNode;
  containerClassName?: string;
};

/** Label + textarea + hint + inline error, wired like FormField. */
export function TextareaField({
  label,
  hint,
  error,
  labelAside,
  id: idProp,
  'aria-describedby': describedBy,
  containerClassName,
  ...props
}: TextareaFieldProps) {
  const autoId = useId();
  const id = idProp ?? `textarea${autoId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const hasError = Boolean(error);
  const aria = fieldAria(id, { hint: Boolean(hint), error: hasError, describedBy });
  return (
    <div className={cn('space-y-1.5', containerClassName)}>
      <div className="flex items-center justify-between gap-4">
        <Label htmlFor={id}>{label}</Label>
        {labelAside ? <div className="text-sm">{labelAside}</div> : null}
      </div>
      <Textarea
        id={id}
        aria-invalid={aria['aria-invalid']}
        aria-describedby={aria['aria-describedby']}
        {...props}
      />
      <FieldMessages aria={aria} error={error} hint={hint} />
    </div>
  );
}
