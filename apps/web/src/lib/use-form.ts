import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { hasErrors, type FieldErrors } from './validation';

/**
 * Form state with inline validation: a field's error shows once the person has left it with something
 * typed (or after a submit attempt), and then updates as they type. Errors from the server can be
 * attached to fields and clear when that field changes. On an invalid submit the first invalid field
 * gets focus.
 */
export function useForm<K extends string>(
  initial: Record<K, string>,
  validate: (values: Record<K, string>) => FieldErrors<K>,
) {
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<K, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors<K>>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const formId = `form${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const order = Object.keys(initial) as K[];

  const clientErrors = validate(values);
  const errorFor = (name: K): string | undefined =>
    serverErrors[name] ?? (touched[name] || submitted ? clientErrors[name] : undefined);

  const focusField = (name: K) => {
    const form = document.getElementById(formId);
    const element = form instanceof HTMLFormElement ? form.elements.namedItem(name) : null;
    if (element instanceof HTMLElement) element.focus();
  };

  const field = (name: K) => ({
    name,
    value: values[name],
    error: errorFor(name),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [name]: value }));
      if (serverErrors[name]) setServerErrors((current) => ({ ...current, [name]: undefined }));
    },
    onBlur: (event: { target: { value: string } }) => {
      if (event.target.value) setTouched((current) => ({ ...current, [name]: true }));
    },
  });

  const handleSubmit =
    (onValid: (values: Record<K, string>) => Promise<void> | void) =>
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (pending) return;
      setSubmitted(true);
      if (hasErrors(clientErrors)) {
        const first = order.find((name) => clientErrors[name]);
        if (first) focusField(first);
        return;
      }
      setPending(true);
      try {
        await onValid(values);
      } finally {
        setPending(false);
      }
    };

  /** Shows a server error on a field and moves focus there. */
  const setFieldError = (name: K, message: string) => {
    setServerErrors((current) => ({ ...current, [name]: message }));
    focusField(name);
  };

  /** Sets a field's value from code (e.g. one field derived from another). */
  const setValue = (name: K, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    if (serverErrors[name]) setServerErrors((current) => ({ ...current, [name]: undefined }));
  };

  const reset = (next: Record<K, string> = initial) => {
    setValues(next);
    setTouched({});
    setServerErrors({});
    setSubmitted(false);
  };

  return { values, field, handleSubmit, pending, setFieldError, setValue, reset, formId };
}
