import {
  cn,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  IconCheck,
  IconChevronsUpDown,
  IconPlus,
  toast,
} from '@kit/ui';
import { useNavigate } from 'react-router';
import { errorMessage } from '../lib/api';
import {
  activateOrganization,
  orgPath,
  type Organization,
  useOrganizations,
} from '../lib/organizations';
import { roles } from '../lib/permissions';
import { sessionResource } from '../lib/session';
import { OrgAvatar } from './org-avatar';

/**
 * The header's organization menu: the current organization, every other one with the person's role
 * in it, and a way to create another. Choosing one makes it the session's active organization.
 */
export function OrgSwitcher({ current }: { current: Organization | undefined }) {
  const organizations = useOrganizations();
  const navigate = useNavigate();

  const switchTo = async (org: Organization) => {
    if (org.id !== current?.id || org.id !== sessionResource.get()?.session.activeOrganizationId) {
      try {
        await activateOrganization(org.id);
        const data = sessionResource.get();
        if (data)
          sessionResource.set({
            ...data,
            session: { ...data.session, activeOrganizationId: org.id },
          });
      } catch (error) {
        toast(`Couldn't switch to ${org.name}`, {
          description: errorMessage(error),
          variant: 'error',
        });
        return;
      }
    }
    await navigate(orgPath(org));
  };

  if (!organizations.length) return null;

  return (
    <DropdownMenu className="min-w-0">
      {/* The button's name starts with what it shows, so voice control finds it by that. */}
      <DropdownMenuTrigger className="flex max-w-full min-w-0 items-center gap-2 rounded-lg py-1 pr-1.5 pl-1 text-sm hover:bg-gray-100">
        {current ? <OrgAvatar name={current.name} size="xs" /> : null}
        <span className="min-w-0 truncate font-medium text-gray-900">
          {current?.name ?? 'Choose an organization'}
        </span>
        {current ? (
          <span className="hidden rounded bg-gray-100 px-1.5 py-0.5 text-[0.6875rem] font-medium text-gray-700 sm:inline">
            {roles.label(current.role)}
          </span>
        ) : null}
        <span className="sr-only">, switch organization</span>
        <IconChevronsUpDown className="size-4 shrink-0 text-gray-500" />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        className="w-72"
        header={<p className="text-xs font-medium text-gray-600">Your organizations</p>}
      >
        {organizations.map((org) => (
          <DropdownMenuItem key={org.id} onSelect={() => void switchTo(org)} className="gap-3">
            <OrgAvatar name={org.name} size="xs" />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-gray-900">{org.name}</span>
              <span className="block text-xs text-gray-600">{roles.label(org.role)}</span>
            </span>
            <IconCheck
              className={cn('text-brand-600!', org.id === current?.id ? '' : 'invisible')}
              aria-hidden="true"
            />
            {org.id === current?.id ? <span className="sr-only">(current)</span> : null}
          </DropdownMenuItem>
        ))}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => void navigate('/orgs/new')}>
          <IconPlus />
          Create organization
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
