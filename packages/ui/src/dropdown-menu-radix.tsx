import * as Menu from '@radix-ui/react-dropdown-menu';
import { useRef, type ReactNode } from 'react';
import { cn, focusRing } from './cn';
import type {
  DropdownMenuContentProps,
  DropdownMenuItemProps,
  DropdownMenuTriggerProps,
  OpenedBy,
} from './dropdown-menu';

/**
 * The menu itself, on Radix UI's DropdownMenu; loaded the first time a menu is opened, or its
 * button pointed at or focused (see dropdown-menu.tsx). `openedBy`: the menu is shown open at
 * once, as the press that loaded it asked.
 */
export function Root({ children, openedBy }: { children: ReactNode; openedBy: OpenedBy | null }) {
  return (
    <Menu.Root modal={false} defaultOpen={openedBy !== null}>
      {children}
    </Menu.Root>
  );
}

export function Trigger({ className, ...props }: DropdownMenuTriggerProps) {
  return <Menu.Trigger className={cn(focusRing, className)} {...props} />;
}

export function Content({
  children,
  header,
  align = 'start',
  className,
  focusFirstItem,
}: DropdownMenuContentProps & { focusFirstItem: boolean }) {
  // Radix moves focus to the first item when the menu was opened from the keyboard, which it
  // tells from a keydown it saw; the keydown that loaded this module came before it listened.
  const pending = useRef(focusFirstItem);
  const focusFirst = (content: HTMLDivElement | null) => {
    if (!content || !pending.current) return;
    pending.current = false;
    requestAnimationFrame(() =>
      content
        .querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')
        ?.focus({ preventScroll: true }),
    );
  };
  return (
    <Menu.Portal>
      <Menu.Content
        ref={focusFirst}
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

export function Item({
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

export function Separator() {
  return <Menu.Separator className="-mx-1 my-1 h-px bg-gray-100" />;
}
