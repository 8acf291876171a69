import { useState, type InputHTMLAttributes, type Ref } from 'react';
import { cn, focusRing } from './cn';
import { IconEye, IconEyeOff } from './icons';

export const inputClasses =
  'block w-full rounded-lg border-0 bg-white px-3 py-2 text-base text-gray-900 shadow-xs ring-1 ring-gray-300 ring-inset transition-shadow placeholder:text-gray-400 sm:text-sm/6 ' +
  'focus:ring-2 focus:ring-brand-600 focus:outline-hidden ' +
  'aria-invalid:ring-red-400 aria-invalid:focus:ring-red-600 ' +
  'disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-500 disabled:ring-gray-200 ' +
  'read-only:bg-gray-50';

export type InputProps = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

export function Input({ className, type = 'text', ...props }: InputProps) {
  return <input type={type} className={cn(inputClasses, className)} {...props} />;
}

/** A password input with a show/hide toggle. */
export function PasswordInput({ className, ...props }: Omit<InputProps, 'type'>) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="relative">
      <Input {...props} type={visible ? 'text' : 'password'} className={cn('pr-10', className)} />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-label={visible ? 'Hide password' : 'Show password'}
        aria-controls={props.id}
        className={cn(
          'absolute inset-y-0 right-0 my-auto mr-1 flex size-8 items-center justify-center rounded-md text-gray-400 hover:text-gray-600',
          focusRing,
        )}
      >
        {visible ? <IconEyeOff className="size-4" /> : <IconEye className="size-4" />}
      </button>
    </div>
  );
}
