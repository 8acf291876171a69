import {
  Avatar,
  cn,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  focusRing,
  IconChevronDown,
  IconLayoutDashboard,
  IconSettings,
  IconLogOut,
} from '@kit/ui';
import type { ComponentType, ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { signOut } from '../lib/auth';
import type { User } from '../lib/auth-client';
import { Brand } from './brand';

export type NavItem = {
  to: string;
  label: string;
  icon: ComponentType<{ className?: string }>;
  /** Match the path exactly (default: also its sub-paths). */
  end?: boolean;
};

export type NavSection = { label?: string; items: NavItem[] };

/** The app's navigation. Organization pages add their own section here. */
export const appNavigation: NavSection[] = [
  { items: [{ to: '/dashboard', label: 'Dashboard', icon: IconLayoutDashboard }] },
];

export type AppShellProps = {
  user: User;
  nav?: NavSection[];
  /** Above the navigation in the sidebar. */
  sidebarHeader?: ReactNode;
  /** Next to the logo in the header, e.g. the organization switcher. */
  headerStart?: ReactNode;
  children: ReactNode;
};

export function AppShell({
  user,
  nav = appNavigation,
  sidebarHeader,
  headerStart,
  children,
}: AppShellProps) {
  return (
    <div className="min-h-dvh bg-gray-50">
      <a
        href="#main"
        className="sr-only z-[60] rounded-lg bg-white px-4 py-2 text-sm font-medium shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-gray-950/[0.07] bg-white/85 backdrop-blur-md supports-[backdrop-filter]:bg-white/75">
        <div className="flex h-14 items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-2 sm:gap-3">
            <Brand to="/dashboard" size="sm" compact={Boolean(headerStart)} />
            {headerStart ? (
              <>
                <span aria-hidden="true" className="shrink-0 text-lg font-light text-gray-300">
                  /
                </span>
                <div className="min-w-0">{headerStart}</div>
              </>
            ) : null}
          </div>
          <UserMenu user={user} />
        </div>
        {/* Phones and small tablets: the navigation as tabs, on a second row if they don't fit. */}
        <nav aria-label="Main" className="-mb-px flex flex-wrap gap-x-0.5 px-2 sm:px-4 md:hidden">
          {nav
            .flatMap((section) => section.items)
            .map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  cn(
                    'flex shrink-0 items-center gap-2 rounded-t-md border-b-2 px-2 py-2.5 text-sm font-medium sm:px-3',
                    focusRing,
                    isActive
                      ? 'border-brand-600 text-gray-950'
                      : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-800',
                  )
                }
              >
                <item.icon className="hidden size-4 sm:block" />
                {item.label}
              </NavLink>
            ))}
        </nav>
      </header>

      <div className="md:flex">
        <aside className="hidden md:block md:w-60 md:shrink-0">
          <div className="sticky top-14 flex h-[calc(100dvh-3.5rem)] flex-col gap-6 overflow-y-auto border-r border-gray-950/[0.07] px-3 py-5">
            {sidebarHeader}
            <nav aria-label="Main" className="space-y-6">
              {nav.map((section, i) => (
                <div key={section.label ?? i} className="space-y-1">
                  {section.label ? (
                    <h2 className="px-2.5 pb-1 text-xs font-medium text-gray-500">
                      {section.label}
                    </h2>
                  ) : null}
                  <ul className="space-y-0.5">
                    {section.items.map((item) => (
                      <li key={item.to}>
                        <NavLink
                          to={item.to}
                          end={item.end}
                          className={({ isActive }) =>
                            cn(
                              'group flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm font-medium transition-colors',
                              focusRing,
                              isActive
                                ? 'bg-white text-gray-950 shadow-xs ring-1 ring-gray-950/[0.07]'
                                : 'text-gray-600 hover:bg-gray-100 hover:text-gray-900',
                            )
                          }
                        >
                          {({ isActive }) => (
                            <>
                              <item.icon
                                className={cn(
                                  'size-4',
                                  isActive
                                    ? 'text-brand-600'
                                    : 'text-gray-400 group-hover:text-gray-500',
                                )}
                              />
                              {item.label}
                            </>
                          )}
                        </NavLink>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </nav>
          </div>
        </aside>

        <main id="main" tabIndex={-1} className="min-w-0 flex-1 outline-hidden">
          <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 lg:px-10 lg:py-10">
            {children}
          </div>
        </main>
      </div>
    </div>
  );
}

function UserMenu({ user }: { user: User }) {
  const navigate = useNavigate();

  const onSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      // The local session is cleared either way; the server's will expire.
      console.error('Sign-out request failed', error);
    }
    await navigate('/sign-in', { replace: true });
  };

  return (
    <DropdownMenu>
      {/* The button's name starts with what it shows (the name; only the avatar on phones). */}
      <DropdownMenuTrigger className="flex items-center gap-2 rounded-full p-0.5 text-sm hover:bg-gray-100 sm:rounded-lg sm:py-1 sm:pr-2 sm:pl-1">
        <Avatar name={user.name} email={user.email} image={user.image} size="sm" />
        <span className="sr-only max-w-[12rem] truncate font-medium text-gray-800 sm:not-sr-only sm:block">
          {user.name || user.email}
        </span>
        <span className="sr-only">, account menu</span>
        <IconChevronDown className="hidden size-4 text-gray-500 sm:block" />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="end"
        header={
          <div className="flex items-center gap-3">
            <Avatar name={user.name} email={user.email} image={user.image} size="md" />
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-gray-950">{user.name}</p>
              <p className="truncate text-sm text-gray-600">{user.email}</p>
            </div>
          </div>
        }
      >
        <DropdownMenuItem onSelect={() => void navigate('/dashboard')}>
          <IconLayoutDashboard />
          Dashboard
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void navigate('/account')}>
          <IconSettings />
          Account settings
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void onSignOut()}>
          <IconLogOut />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
