import { brand, MARK_PATHS } from '@kit/brand';
import { cn, focusRing } from '@kit/ui';
import { Link } from 'react-router';
import { useConfig } from '../lib/config';

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      className={cn('size-8', className)}
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d={MARK_PATHS.chevron}
        fill="none"
        stroke={brand.colors.onPrimary}
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <path
        d={MARK_PATHS.bar}
        stroke={brand.colors.onPrimary}
        strokeWidth="3"
        strokeLinecap="round"
      />
    </svg>
  );
}

/** Logo + product name, linking home; the brand's logo image instead when it has one. */
export function Brand({
  to = '/',
  className,
  size = 'md',
  compact = false,
}: {
  to?: string;
  className?: string;
  size?: 'sm' | 'md';
  /** Hides the product name on phones (the logo stays), to leave room beside it. */
  compact?: boolean;
}) {
  const { productName } = useConfig();
  return (
    <Link
      to={to}
      className={cn('inline-flex shrink-0 items-center gap-2.5 rounded-lg', focusRing, className)}
      aria-label={`${productName} home`}
    >
      {brand.logoUrl ? (
        <img src={brand.logoUrl} alt="" className={cn('w-auto', size === 'sm' ? 'h-7' : 'h-9')} />
      ) : (
        <LogoMark className={size === 'sm' ? 'size-7' : 'size-9'} />
      )}
      <span
        className={cn(
          'font-semibold tracking-tight text-gray-950',
          size === 'sm' ? 'text-[0.95rem]' : 'text-lg',
          compact && 'hidden md:inline',
          brand.logoUrl && 'sr-only',
        )}
      >
        {productName}
      </span>
    </Link>
  );
}
