import { cn, focusRing } from './cn';

/** Classes for an inline text link (use on <a> or a router <Link>). */
export const textLinkClasses = cn(
  'rounded-xs font-medium text-brand-600 underline-offset-4 hover:text-brand-700 hover:underline',
  focusRing,
);
