import { useState } from 'react';
import { cn } from './cn';
import { avatarColor, initials } from './initials';

export type AvatarSize = 'xs' | 'sm' | 'md' | 'lg';

const sizes: Record<AvatarSize, string> = {
  xs: 'size-6 text-[0.625rem]',
  sm: 'size-8 text-xs',
  md: 'size-10 text-sm',
  lg: 'size-14 text-lg',
};

export type AvatarProps = {
  name?: string | null;
  email?: string | null;
  image?: string | null;
  size?: AvatarSize;
  className?: string;
  /** Accessible name; by default the avatar is decorative because the name is shown next to it. */
  label?: string;
};

export function Avatar({ name, email, image, size = 'sm', className, label }: AvatarProps) {
  const [broken, setBroken] = useState(false);
  const a11y = label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true as const };
  const shape = cn(
    'inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full',
    sizes[size],
  );

  if (image && !broken) {
    return (
      <span className={cn(shape, 'bg-gray-100', className)} {...a11y}>
        <img
          src={image}
          alt=""
          className="size-full object-cover"
          onError={() => setBroken(true)}
        />
      </span>
    );
  }
  return (
    <span
      className={cn(
        shape,
        'font-semibold tracking-tight',
        avatarColor(email ?? name ?? ''),
        className,
      )}
      {...a11y}
    >
      {initials(name, email)}
    </span>
  );
}
