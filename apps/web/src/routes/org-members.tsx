import {
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  CardContent,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
  IconArrowRightLeft,
  IconMoreHorizontal,
  IconSearch,
  IconTrash,
  IconUserPlus,
  Input,
  Select,
  Skeleton,
  toast,
} from '@kit/ui';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { InviteDialog } from '../components/invite-dialog';
import { PageHeader } from '../components/page-header';
import { RoleBadge } from '../components/role-badge';
import { SeatUsageMeter } from '../components/seat-usage';
import { errorMessage, isApiError } from '../lib/api';
import { formatDate, formatDateTime } from '../lib/format';
import {
  fetchMembers,
  fetchSeats,
  invalidateOrganization,
  queryKeys,
  refreshOrganizations,
  removeMember,
  transferOwnership,
  updateMemberRole,
  useCurrentOrganization,
  type Member,
} from '../lib/organizations';
import {
  can,
  canManageMember,
  roleOptions,
  roles,
  roleWord,
  withArticle,
  type Role,
} from '../lib/permissions';
import { setQueryData, useQuery } from '../lib/query';
import { useSession } from '../lib/session';

type Pending = { kind: 'remove'; member: Member } | { kind: 'transfer'; member: Member } | null;

export function Component() {
  const org = useCurrentOrganization();
  const { user } = useSession();
  const members = useQuery(queryKeys.members(org.id), () => fetchMembers(org.id));
  const seats = useQuery(queryKeys.seats(org.id), () => fetchSeats(org.id));
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [filter, setFilter] = useState('');

  const list = members.data ?? [];
  const query = filter.trim().toLowerCase();
  const shown = query
    ? list.filter(
        (m) => m.name.toLowerCase().includes(query) || m.email.toLowerCase().includes(query),
      )
    : list;
  const ownerCount = list.filter((m) => roles.isOwner(m.role)).length;
  const manages = can.manageMembers(org.role);

  const changeRole = async (member: Member, role: Role) => {
    if (role === member.role) return;
    const key = queryKeys.members(org.id);
    const previous = setQueryData<Member[]>(key, (current = []) =>
      current.map((m) => (m.id === member.id ? { ...m, role } : m)),
    );
    try {
      await updateMemberRole(org.id, member.id, role);
      toast(`${member.name || member.email} is now ${roleWord(role)}`);
    } catch (error) {
      if (previous) setQueryData(key, previous);
      toast(`Couldn't change ${member.name || member.email}'s role`, {
        description: [errorMessage(error), isApiError(error) ? error.remediation : undefined]
          .filter(Boolean)
          .join(' '),
        variant: 'error',
      });
    }
  };

  const remove = async (member: Member) => {
    await removeMember(org.id, member.id);
    setQueryData<Member[]>(queryKeys.members(org.id), (current = []) =>
      current.filter((m) => m.id !== member.id),
    );
    setPending(null);
    void invalidateOrganization(org.id);
    toast(`${member.name || member.email} was removed from ${org.name}`);
  };

  const transfer = async (member: Member) => {
    await transferOwnership(org.id, member.id);
    setPending(null);
    await Promise.all([refreshOrganizations(), invalidateOrganization(org.id)]);
    toast(`${member.name || member.email} is now an owner`, {
      description: 'You are now an admin of the organization.',
    });
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Members"
        documentTitle={`Members · ${org.name}`}
        description={`People who have access to ${org.name}.`}
        actions={
          can.invite(org.role) ? (
            <Button onClick={() => setInviting(true)}>
              <IconUserPlus className="size-4" />
              Invite people
            </Button>
          ) : null
        }
      />

      <Card>
        <CardContent>
          <SeatUsageMeter seats={seats.data} />
        </CardContent>
      </Card>

      <Card>
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-950/[0.06] px-5 py-3.5 sm:px-6">
          <h2 className="text-sm font-semibold text-gray-950">
            {members.data
              ? `${list.length} ${list.length === 1 ? 'member' : 'members'}`
              : 'Members'}
          </h2>
          {list.length > 6 ? (
            <div className="relative w-full sm:w-64">
              <IconSearch className="pointer-events-none absolute inset-y-0 left-2.5 my-auto size-4 text-gray-400" />
              <Input
                type="search"
                aria-label="Filter members"
                placeholder="Filter by name or email"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                className="pl-8"
              />
            </div>
          ) : null}
        </div>

        {members.error && !members.data ? (
          <div className="p-5 sm:p-6">
            <Alert
              variant="error"
              title="We couldn't load the members"
              actions={
                <Button size="sm" variant="secondary" onClick={() => void members.refresh()}>
                  Try again
                </Button>
              }
            >
              {errorMessage(members.error)}
            </Alert>
          </div>
        ) : members.loading ? (
          <MembersSkeleton />
        ) : shown.length === 0 ? (
          <p className="px-6 py-10 text-center text-sm text-gray-500">
            No members match “{filter.trim()}”.
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members of {org.name}</caption>
            <thead className="text-xs font-medium text-gray-500">
              <tr className="border-b border-gray-950/[0.06]">
                <th scope="col" className="w-full py-2.5 pr-3 pl-4 font-medium sm:pl-6">
                  Name
                </th>
                <th scope="col" className="hidden px-3 py-2.5 font-medium md:table-cell">
                  Joined
                </th>
                <th scope="col" className="py-2.5 pr-4 pl-2 font-medium sm:pr-6 sm:pl-3">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-950/[0.05]">
              {shown.map((member) => {
                const isSelf = member.userId === user?.id;
                const lastOwner = roles.isOwner(member.role) && ownerCount <= 1;
                const manageable =
                  canManageMember(org.role, { role: member.role, isSelf }) && !lastOwner;
                const mayTransfer =
                  can.transferOwnership(org.role) && !isSelf && !roles.isOwner(member.role);
                const name = member.name || member.email;
                return (
                  <tr key={member.id}>
                    <td className="w-full max-w-0 py-3 pr-2 pl-4 sm:pr-3 sm:pl-6">
                      <div className="flex min-w-0 items-center gap-3">
                        <Avatar name={member.name} email={member.email} image={member.image} />
                        <div className="min-w-0">
                          <p className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-0.5 font-medium text-gray-950">
                            <span className="min-w-0 [overflow-wrap:anywhere]">{name}</span>
                            {isSelf ? <Badge className="shrink-0">You</Badge> : null}
                          </p>
                          <p className="[overflow-wrap:anywhere] text-gray-600">{member.email}</p>
                        </div>
                      </div>
                    </td>
                    <td className="hidden px-3 py-3 whitespace-nowrap text-gray-500 md:table-cell">
                      <time dateTime={member.joinedAt} title={formatDateTime(member.joinedAt)}>
                        {formatDate(member.joinedAt)}
                      </time>
                    </td>
                    <td className="py-3 pr-3 pl-2 sm:pr-6 sm:pl-3">
                      <div className="flex items-center justify-end gap-1 sm:gap-2">
                        {manageable ? (
                          <Select
                            aria-label={`Role of ${name}`}
                            value={member.role}
                            onChange={(event) =>
                              void changeRole(member, event.target.value as Role)
                            }
                            containerClassName="w-[7.5rem] sm:w-32"
                            className="py-1 pr-8"
                          >
                            {roleOptions(org.role, member.role).map((role) => (
                              <option
                                key={role}
                                value={role}
                                disabled={!roles.mayAssign(org.role, role)}
                              >
                                {roles.label(role)}
                              </option>
                            ))}
                          </Select>
                        ) : (
                          <RoleBadge role={member.role} className="mr-auto" />
                        )}
                        {manages ? (
                          manageable || mayTransfer ? (
                            <DropdownMenu>
                              <DropdownMenuTrigger
                                aria-label={`Actions for ${name}`}
                                className="flex size-8 items-center justify-center rounded-lg text-gray-400 hover:bg-gray-100 hover:text-gray-700"
                              >
                                <IconMoreHorizontal className="size-4" />
                              </DropdownMenuTrigger>
                              <DropdownMenuContent align="end">
                                {mayTransfer ? (
                                  <DropdownMenuItem
                                    onSelect={() => setPending({ kind: 'transfer', member })}
                                  >
                                    <IconArrowRightLeft />
                                    Transfer ownership
                                  </DropdownMenuItem>
                                ) : null}
                                {manageable ? (
                                  <DropdownMenuItem
                                    destructive
                                    onSelect={() => setPending({ kind: 'remove', member })}
                                  >
                                    <IconTrash />
                                    Remove from organization
                                  </DropdownMenuItem>
                                ) : null}
                              </DropdownMenuContent>
                            </DropdownMenu>
                          ) : (
                            <span className="size-8 shrink-0" aria-hidden="true" />
                          )
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>

      {can.invite(org.role) ? (
        <InviteDialog
          open={inviting}
          onClose={() => setInviting(false)}
          org={org}
          seats={seats.data}
        />
      ) : null}

      <ConfirmDialog
        open={pending?.kind === 'remove'}
        onClose={() => setPending(null)}
        title={`Remove ${pending?.member.name || pending?.member.email} from ${org.name}?`}
        description="They lose access to the organization right away. You can invite them again later."
        confirmLabel="Remove member"
        pendingLabel="Removing…"
        destructive
        onConfirm={() => (pending ? remove(pending.member) : undefined)}
      />

      <ConfirmDialog
        open={pending?.kind === 'transfer'}
        onClose={() => setPending(null)}
        title={`Transfer ownership to ${pending?.member.name || pending?.member.email}?`}
        description={`They become ${withArticle(roleWord(roles.owner))} of ${org.name} and you become ${withArticle(roleWord(roles.formerOwner))}. Only ${withArticle(roles.list(roles.assigners(roles.owner)))} can make you ${withArticle(roleWord(roles.owner))} again.`}
        confirmLabel="Transfer ownership"
        pendingLabel="Transferring…"
        destructive
        onConfirm={() => (pending ? transfer(pending.member) : undefined)}
      />
    </div>
  );
}

function MembersSkeleton() {
  return (
    <div className="divide-y divide-gray-950/[0.05]" role="status" aria-label="Loading members">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center gap-3 px-5 py-3.5 sm:px-6">
          <Skeleton className="size-8 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className="h-3.5 w-40" />
            <Skeleton className="h-3 w-56" />
          </div>
          <Skeleton className="h-7 w-24" />
        </div>
      ))}
    </div>
  );
}
