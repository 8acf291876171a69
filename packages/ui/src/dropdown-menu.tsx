import {
  createContext,
  use,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { cn, focusRing } from './cn';
import { moveIndex, typeaheadIndex } from './menu-navigation';

type InitialFocus = 'first' | 'last';

type MenuContext = {
  open: boolean;
  initialFocus: InitialFocus;
  openMenu: (focus?: InitialFocus) => void;
  closeMenu: (opts?: { restoreFocus?: boolean }) => void;
  triggerId: string;
  menuId: string;
  triggerRef: RefObject<HTMLButtonElement | null>;
};

const MenuCtx = createContext<MenuContext | null>(null);

function useMenu(component: string): MenuContext {
  const ctx = use(MenuCtx);
  if (!ctx) throw new Error(`<${component}> must be used inside <DropdownMenu>`);
  return ctx;
}

export type DropdownMenuProps = { children: ReactNode; className?: string };

/**
 * An accessible menu button (WAI-ARIA menu pattern): Enter/Space/ArrowDown open it and focus the first
 * item, ArrowUp the last; arrows, Home/End and type-ahead move between items; Escape closes and returns
 * focus to the button; Tab, a click outside or focus leaving close it.
 */
export function DropdownMenu({ children, className }: DropdownMenuProps) {
  const [open, setOpen] = useState(false);
  const [initialFocus, setInitialFocus] = useState<InitialFocus>('first');
  const rootRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const openMenu = useCallback((focus: InitialFocus = 'first') => {
    setInitialFocus(focus);
    setOpen(true);
  }, []);
  const closeMenu = useCallback(({ restoreFocus = true }: { restoreFocus?: boolean } = {}) => {
    setOpen(false);
    if (restoreFocus) triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget as Node | null;
    if (open && next && !rootRef.current?.contains(next)) setOpen(false);
  };

  return (
    <MenuCtx
      value={{
        open,
        initialFocus,
        openMenu,
        closeMenu,
        triggerId: `menu-${id}-button`,
        menuId: `menu-${id}`,
        triggerRef,
      }}
    >
      <div
        ref={rootRef}
        className={cn('relative inline-block text-left', className)}
        onBlur={onBlur}
      >
        {children}
      </div>
    </MenuCtx>
  );
}

export type DropdownMenuTriggerProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>;

export function DropdownMenuTrigger({
  className,
  onClick,
  onKeyDown,
  ...props
}: DropdownMenuTriggerProps) {
  const { open, openMenu, closeMenu, triggerId, menuId, triggerRef } =
    useMenu('DropdownMenuTrigger');
  return (
    <button
      ref={triggerRef}
      type="button"
      id={triggerId}
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? menuId : undefined}
      className={cn(focusRing, className)}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        if (open) closeMenu({ restoreFocus: false });
        else openMenu('first');
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented) return;
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
          event.preventDefault();
          openMenu(event.key === 'ArrowUp' ? 'last' : 'first');
        }
      }}
      {...props}
    />
  );
}

export type DropdownMenuContentProps = {
  children: ReactNode;
  /** Non-interactive content above the items, e.g. the signed-in user's name and e-mail. */
  header?: ReactNode;
  align?: 'start' | 'end';
  className?: string;
};

const ITEM_SELECTOR = '[role="menuitem"]:not([aria-disabled="true"])';

export function DropdownMenuContent({
  children,
  header,
  align = 'start',
  className,
}: DropdownMenuContentProps) {
  const { open, initialFocus, closeMenu, triggerId, menuId } = useMenu('DropdownMenuContent');
  const menuRef = useRef<HTMLDivElement>(null);
  const typeahead = useRef({ query: '', timer: 0 });

  const items = () =>
    Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? []);

  useEffect(() => {
    if (!open) return;
    const list = menuRef.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR);
    if (!list?.length) return;
    (initialFocus === 'last' ? list[list.length - 1] : list[0])?.focus();
  }, [open, initialFocus]);

  useEffect(() => () => window.clearTimeout(typeahead.current.timer), []);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      closeMenu();
      return;
    }
    if (event.key === 'Tab') {
      // Focus the button first so the browser's own Tab handling continues from there.
      closeMenu();
      return;
    }
    const next = moveIndex(current, event.key, list.length);
    if (next !== null) {
      event.preventDefault();
      list[next]?.focus();
      return;
    }
    if (
      event.key.length === 1 &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      event.key !== ' '
    ) {
      const state = typeahead.current;
      state.query += event.key;
      window.clearTimeout(state.timer);
      state.timer = window.setTimeout(() => (state.query = ''), 600);
      const match = typeaheadIndex(
        list.map((el) => el.textContent ?? ''),
        current,
        state.query,
      );
      if (match >= 0) list[match]?.focus();
    }
  };

  return (
    <div
      className={cn(
        'absolute z-50 mt-2 max-w-[calc(100vw-2rem)] min-w-56 rounded-xl bg-white p-1 shadow-lg ring-1 ring-gray-950/10',
        'origin-top transition duration-100 ease-out starting:scale-95 starting:opacity-0',
        align === 'end' ? 'right-0 origin-top-right' : 'left-0 origin-top-left',
        className,
      )}
    >
      {header ? (
        <div className="border-b border-gray-100 px-3 pt-2 pb-2.5 mb-1">{header}</div>
      ) : null}
      <div
        ref={menuRef}
        role="menu"
        id={menuId}
        aria-labelledby={triggerId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className="outline-hidden"
      >
        {children}
      </div>
    </div>
  );
}

const itemClasses =
  'flex w-full cursor-default items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm text-gray-700 outline-hidden select-none ' +
  'hover:bg-gray-100 hover:text-gray-900 focus:bg-gray-100 focus:text-gray-900 ' +
  'aria-disabled:opacity-50 [&>svg]:size-4 [&>svg]:shrink-0 [&>svg]:text-gray-400';

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
  const { closeMenu } = useMenu('DropdownMenuItem');
  const classes = cn(
    itemClasses,
    destructive && 'text-red-600 hover:text-red-700 focus:text-red-700',
    className,
  );

  const activate = (event: MouseEvent<HTMLElement>) => {
    if (disabled) {
      event.preventDefault();
      return;
    }
    onSelect?.();
    closeMenu({ restoreFocus: !href });
  };

  if (href) {
    return (
      <a
        role="menuitem"
        tabIndex={-1}
        href={disabled ? undefined : href}
        aria-disabled={disabled || undefined}
        className={classes}
        onClick={activate}
        onKeyDown={(event) => {
          if (event.key === ' ') {
            event.preventDefault();
            event.currentTarget.click();
          }
        }}
      >
        {children}
      </a>
    );
  }
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      className={classes}
      onClick={activate}
    >
      {children}
    </button>
  );
}

export function DropdownMenuSeparator() {
  return <div role="separator" className="-mx-1 my-1 h-px bg-gray-100" />;
}
