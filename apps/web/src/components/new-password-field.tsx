import { FormField, type FormFieldProps } from '@kit/ui';
import { PASSWORD_MIN_LENGTH } from '../lib/validation';

/**
 * A field for choosing a password: the browser may suggest one, the length rule is shown. While
 * the field shows an error, the error says what is wrong and the rule is not repeated under it.
 */
export function NewPasswordField({
  label = 'Password',
  ...props
}: Omit<FormFieldProps, 'label'> & { label?: string }) {
  return (
    <FormField
      label={label}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN_LENGTH}
      hint={props.error ? undefined : `At least ${PASSWORD_MIN_LENGTH} characters.`}
      {...props}
    />
  );
}
