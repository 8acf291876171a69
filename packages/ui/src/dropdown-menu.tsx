import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { cn, focusRing } from './cn';

export type DropdownMenuProps = { children: ReactNode; className?: string };

/**
 * A menu button on Radix UI's DropdownMenu (WAI-ARIA menu pattern: arrow keys, Home/End,
 * type-ahead, Escape returns focus to the button). It is not modal: Radix's modal mode locks
 * scrolling with an injected <style> element, which the page's Content-Security-Policy refuses.
 */
export function DropdownMenu({ children, className }: DropdownMenuProps) {
  return (
    <div className={cn('relative inline-block text-left', className)}>
      <Menu.Root modal={false}>{children}</Menu.Root>
    </div>
  );
}

export type DropdownMenuTriggerProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>;

export function DropdownMenuTrigger({ className, ...props }: DropdownMenuTriggerProps) {
  return <Menu.Trigger className={cn(focusRing, className)} {...props} />;
}

export type DropdownMenuContentProps = {
  children: ReactNode;
  /** Non-interactive content above the items, e.g. the signed-in user's name and e-mail. */
  header?: ReactNode;
  align?: 'start' | 'end';
  className?: string;
};

export function DropdownMenuContent({
  children,
  header,
  align = 'start',
  className,
}: DropdownMenuContentProps) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={8}
        collisionPadding={16}
        className={cn(
          'z-50 max-w-[calc(100vw-2rem)] min-w-56 rounded-xl bg-white p-1 shadow-lg ring-1 ring-gray-950/10 outline-hidden',
          'origin-(--radix-dropdown-menu-content-transform-origin) transition duration-100 ease-out starting:scale-95 starting:opacity-0',
          className,
        )}
      >
        {header ? (
          <div className="mb-1 border-b border-gray-100 px-3 pt-2 pb-2.5">{header}</div>
        ) : null}
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

const itemClasses =
  'flex w-full cursor-default items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-gray-700 outline-hidden select-none ' +
  'data-highlighted:bg-gray-100 data-highlighted:text-gray-900 ' +
  'data-disabled:opacity-50 [&>svg]:size-4 [&>svg]:shrink-0 [&>svg]:text-gray-500';

export type DropdownMenuItemProps = {
  children: ReactNode;
  /** Called when the item is chosen by click, Enter or Space. The menu then closes. */
  onSelect?: () => void;
  /** Renders the item as a link. */
  href?: string;
  disabled?: boolean;
  destructive?: boolean;
  className?: string;
};

export function DropdownMenuItem({
  children,
  onSelect,
  href,
  disabled,
  destructive,
  className,
}: DropdownMenuItemProps) {
  const classes = cn(
    itemClasses,
    destructive && 'text-red-700 data-highlighted:text-red-800',
    className,
  );
  if (href) {
    return (
      <Menu.Item asChild disabled={disabled} onSelect={() => onSelect?.()} className={classes}>
        <a href={disabled ? undefined : href}>{children}</a>
      </Menu.Item>
    );
  }
  return (
    <Menu.Item disabled={disabled} onSelect={() => onSelect?.()} className={classes}>
      {children}
    </Menu.Item>
  );
}

export function DropdownMenuSeparator() {
  return <Menu.Separator className="-mx-1 my-1 h-px bg-gray-100" />;
}
