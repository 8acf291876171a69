import { avatarColor, cn, initials } from '@kit/ui';

const sizes = {
  xs: 'size-6 rounded-md text-[0.625rem]',
  sm: 'size-8 rounded-lg text-xs',
  md: 'size-10 rounded-lg text-sm',
  lg: 'size-14 rounded-xl text-lg',
};

/** An organization's mark: its initials on a colour of its own (decorative; the name is shown). */
export function OrgAvatar({
  name,
  size = 'sm',
  className,
}: {
  name: string;
  size?: keyof typeof sizes;
  className?: string;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'inline-flex shrink-0 items-center justify-center font-semibold tracking-tight ring-1 ring-gray-950/5 ring-inset',
        avatarColor(name),
        sizes[size],
        className,
      )}
    >
      {initials(name)}
    </span>
  );
}
