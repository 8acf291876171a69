export { cn, focusRing, type ClassValue } from './cn';
export { initials, avatarColor } from './initials';
export { Alert, type AlertProps, type AlertVariant } from './alert';
export { AuthShell, type AuthShellProps } from './auth-shell';
export { Avatar, type AvatarProps, type AvatarSize } from './avatar';
export { Badge, type BadgeProps, type BadgeVariant } from './badge';
export {
  Button,
  buttonClasses,
  type ButtonProps,
  type ButtonSize,
  type ButtonStyleOptions,
  type ButtonVariant,
} from './button';
export { Card, CardContent, CardFooter, CardHeader, type CardHeaderProps } from './card';
export {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  type DropdownMenuContentProps,
  type DropdownMenuItemProps,
  type DropdownMenuProps,
  type DropdownMenuTriggerProps,
} from './dropdown-menu';
export { Dialog, type DialogProps, type DialogSize } from './dialog';
export { EmptyState, type EmptyStateProps } from './empty-state';
export { FormField, fieldAria, type FormFieldProps } from './form-field';
export { Input, PasswordInput, inputClasses, type InputProps } from './input';
export { Label, type LabelProps } from './label';
export { Meter, ProgressBar, type MeterProps, type ProgressBarProps } from './progress';
export {
  Select,
  SelectField,
  selectClasses,
  type SelectFieldProps,
  type SelectProps,
} from './select';
export { Skeleton } from './skeleton';
export { PageSpinner, Spinner, type SpinnerProps } from './spinner';
export { Textarea, TextareaField, type TextareaFieldProps, type TextareaProps } from './textarea';
export { textLinkClasses } from './text-link';
export { dismissToast, toast, Toaster, type Toast, type ToastVariant } from './toast';
export * from './icons';
