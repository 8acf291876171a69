import {
  createContext,
  useContext,
  useState,
  type ButtonHTMLAttributes,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { cn, focusRing } from './cn';
import type * as Radix from './dropdown-menu-radix';

type Implementation = typeof Radix;

/** How the press that opened a menu came: the keyboard puts focus on the first item. */
export type OpenedBy = 'pointer' | 'keyboard';

let implementation: Implementation | undefined;
let loading: Promise<Implementation> | undefined;

/**
 * Loads Radix's menu (positioning, focus handling, type-ahead: about a fifth of a page's
 * JavaScript) once; a page shows its menu buttons without it.
 */
export function loadDropdownMenu(): Promise<Implementation> {
  loading ??= import('./dropdown-menu-radix').then((module) => (implementation = module));
  return loading;
}

type Mode =
  | { kind: 'button'; open: (by: OpenedBy) => void }
  | { kind: 'menu'; menu: Implementation; openedBy: OpenedBy | null };

const ModeContext = createContext<Mode | null>(null);

function useMode(part: string): Mode {
  const mode = useContext(ModeContext);
  if (!mode) throw new Error(`${part} must be inside a DropdownMenu`);
  return mode;
}

export type DropdownMenuProps = { children: ReactNode; className?: string };

/**
 * A menu button on Radix UI's DropdownMenu (WAI-ARIA menu pattern: arrow keys, Home/End,
 * type-ahead, Escape returns focus to the button). It is not modal: Radix's modal mode locks
 * scrolling with an injected <style> element, which the page's Content-Security-Policy refuses.
 *
 * Until Radix's code is loaded (pointing at, focusing or pressing any menu button loads it) the
 * button is a plain button with the same look and ARIA attributes; a press on it opens the menu
 * as soon as the code is there.
 */
export function DropdownMenu({ children, className }: DropdownMenuProps) {
  const [menu, setMenu] = useState(implementation);
  const [openedBy, setOpenedBy] = useState<OpenedBy | null>(null);
  const mode: Mode = menu
    ? { kind: 'menu', menu, openedBy }
    : {
        kind: 'button',
        open: (by) => {
          setOpenedBy(by);
          void loadDropdownMenu().then(setMenu);
        },
      };
  return (
    <div className={cn('relative inline-block text-left', className)}>
      <ModeContext.Provider value={mode}>
        {mode.kind === 'menu' ? (
          <mode.menu.Root openedBy={openedBy}>{children}</mode.menu.Root>
        ) : (
          children
        )}
      </ModeContext.Provider>
    </div>
  );
}

export type DropdownMenuTriggerProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>;

const OPENING_KEYS = new Set(['Enter', ' ', 'ArrowDown']);

export function DropdownMenuTrigger({ className, ...props }: DropdownMenuTriggerProps) {
  const mode = useMode('DropdownMenuTrigger');
  if (mode.kind === 'menu') return <mode.menu.Trigger className={className} {...props} />;
  // Radix's trigger opens on pointerdown (primary button, no Ctrl) and on Enter, Space, ArrowDown.
  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    props.onPointerDown?.(event);
    if (event.defaultPrevented || props.disabled) return;
    if (event.button === 0 && !event.ctrlKey) {
      event.preventDefault();
      mode.open('pointer');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    props.onKeyDown?.(event);
    if (event.defaultPrevented || props.disabled) return;
    if (OPENING_KEYS.has(event.key)) {
      event.preventDefault();
      mode.open('keyboard');
    }
  };
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      data-state="closed"
      className={cn(focusRing, className)}
      {...props}
      onPointerEnter={(event) => {
        props.onPointerEnter?.(event);
        void loadDropdownMenu();
      }}
      onFocus={(event) => {
        props.onFocus?.(event);
        void loadDropdownMenu();
      }}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
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

/** The menu's items; nothing is rendered while the menu is closed. */
export function DropdownMenuContent(props: DropdownMenuContentProps) {
  const mode = useMode('DropdownMenuContent');
  if (mode.kind !== 'menu') return null;
  return <mode.menu.Content {...props} focusFirstItem={mode.openedBy === 'keyboard'} />;
}

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

export function DropdownMenuItem(props: DropdownMenuItemProps) {
  const mode = useMode('DropdownMenuItem');
  return mode.kind === 'menu' ? <mode.menu.Item {...props} /> : null;
}

export function DropdownMenuSeparator() {
  const mode = useMode('DropdownMenuSeparator');
  return mode.kind === 'menu' ? <mode.menu.Separator /> : null;
}
