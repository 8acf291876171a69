import {
  Avatar,
  Badge,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
  IconArrowRightLeft,
  IconMoreHorizontal,
  IconTrash,
  Select,
  Skeleton,
  toast,
} from '@kit/ui';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import {
  invalidateOrganization,
  refreshOrganizations,
  removeMember,
  transferOwnership,
  updateMemberRole,
  type Member,
  type Organization,
} from '../../lib/organizations';
import {
  fetchMemberPage,
  hasSeveralOwners,
  isDemotion,
  type MemberPage,
  type MemberSort,
} from '../../lib/people';
import {
  can,
  canManageMember,
  roleOptions,
  roles,
  roleWord,
  withArticle,
  type Role,
} from '../../lib/permissions';
import { setQueryData, useQuery } from '../../lib/query';
import { useSession } from '../../lib/session';
import { ConfirmDialog } from '../confirm-dialog';
import { RoleBadge } from '../role-badge';
import { Pagination, SearchBox, SortHeader, useKeptData, useListQuery } from './list-controls';
import { LoadError } from '../load-error';

const MEMBER_SORTS = ['name', 'email', 'role', 'joined'] as const;

type Pending =
  | { kind: 'remove'; member: Member }
  | { kind: 'transfer'; member: Member }
  | { kind: 'demote'; member: Member; role: Role }
  | null;

export const memberListKey = (orgId: string, search: string) => `org:${orgId}:members?${search}`;

/** The organization's members, a page at a time, with role changes and removal. */
export function MembersPanel({ org }: { org: Organization }) {
  const { user } = useSession();
  const { query, setSort, setPage, setSize } = useListQuery<MemberSort>(MEMBER_SORTS, {
    sort: 'joined',
    order: () => 'asc',
  });
  const key = memberListKey(
    org.id,
    `q=${query.q}&sort=${query.sort}&order=${query.order}&page=${query.page}&size=${query.size}`,
  );
  const members = useQuery(key, () => fetchMemberPage(org.id, query));
  const page = useKeptData(members.data);
  const list = page?.members ?? [];
  const manages = can.manageMembers(org.role);
  // Whether an owner on screen is the last one: asked only when one is shown to someone who manages.
  const ownerShown = manages && list.some((m) => roles.isOwner(m.role));
  const owners = useQuery(ownerShown ? `org:${org.id}:owners` : null, () =>
    hasSeveralOwners(org.id),
  );
  const [pending, setPending] = useState<Pending>(null);

  const applyRole = async (member: Member, role: Role) => {
    const previous = setQueryData<MemberPage>(key, (current) =>
      current
        ? {
            ...current,
            members: current.members.map((m) => (m.id === member.id ? { ...m, role } : m)),
          }
        : current!,
    );
    try {
      await updateMemberRole(org.id, member.id, role);
      toast(`${member.name || member.email} is now ${roleWord(role)}`);
      void invalidateOrganization(org.id);
    } catch (error) {
      if (previous) setQueryData(key, previous);
      throw error;
    }
  };

  const changeRole = (member: Member, role: Role) => {
    if (role === member.role) return;
    // Ownership changes hands only through the transfer dialog; losing rights is confirmed first.
    if (roles.isOwner(role)) return setPending({ kind: 'transfer', member });
    if (isDemotion(member.role, role)) return setPending({ kind: 'demote', member, role });
    applyRole(member, role).catch((error: unknown) => {
      toast(`Couldn't change ${member.name || member.email}'s role`, {
        description: [errorMessage(error), isApiError(error) ? error.remediation : undefined]
          .filter(Boolean)
          .join(' '),
        variant: 'error',
      });
    });
  };

  const remove = async (member: Member) => {
    await removeMember(org.id, member.id);
    setPending(null);
    void invalidateOrganization(org.id);
    toast(`${member.name || member.email} was removed from ${org.name}`);
  };

  const transfer = async (member: Member) => {
    await transferOwnership(org.id, member.id);
    setPending(null);
    await Promise.all([refreshOrganizations(), invalidateOrganization(org.id)]);
    toast(`${member.name || member.email} is now ${withArticle(roleWord(roles.owner))}`, {
      description: `You are now ${withArticle(roleWord(roles.formerOwner))} of the organization.`,
    });
  };

  const demoted = pending?.kind === 'demote' ? pending : null;

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3.5 sm:px-6">
        <h2 className="text-sm font-semibold text-gray-950">
          {page ? `${page.total} ${page.total === 1 ? 'member' : 'members'}` : 'Members'}
          {query.q ? (
            <span className="font-normal text-gray-500"> matching “{query.q}”</span>
          ) : null}
        </h2>
        <SearchBox label="Search members" placeholder="Search by name or email" />
      </div>

      {members.error && !page ? (
        <div className="p-5 sm:p-6">
          <LoadError what="the members" error={members.error} onRetry={() => members.refresh()} />
        </div>
      ) : !page ? (
        <RowsSkeleton label="Loading members" />
      ) : list.length === 0 ? (
        <p className="border-t border-gray-950/[0.06] px-6 py-10 text-center text-sm text-gray-500">
          {query.q ? `No members match “${query.q}”.` : 'No members on this page.'}
        </p>
      ) : (
        <table className="w-full table-fixed text-left text-sm" aria-busy={members.fetching}>
          <caption className="sr-only">Members of {org.name}</caption>
          <thead className="border-y border-gray-950/[0.06] text-xs text-gray-500">
            <tr>
              <SortHeader
                column="name"
                query={query}
                onSort={setSort}
                className="pr-3 pl-4 sm:pl-6"
              >
                Name
              </SortHeader>
              <SortHeader
                column="joined"
                query={query}
                onSort={setSort}
                className="hidden w-32 px-3 md:table-cell"
              >
                Joined
              </SortHeader>
              <SortHeader
                column="role"
                query={query}
                onSort={setSort}
                className="w-44 pr-4 pl-2 sm:w-52 sm:pr-6"
              >
                Role
              </SortHeader>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-950/[0.05]">
            {list.map((member) => {
              const isSelf = member.userId === user?.id;
              const lastOwner = roles.isOwner(member.role) && owners.data !== true;
              const manageable =
                canManageMember(org.role, { role: member.role, isSelf }) && !lastOwner;
              const mayTransfer =
                can.transferOwnership(org.role) && !isSelf && !roles.isOwner(member.role);
              const name = member.name || member.email;
              return (
                <tr key={member.id}>
                  <td className="py-3 pr-2 pl-4 sm:pr-3 sm:pl-6">
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
                  <td className="py-3 pr-3 pl-2 sm:pr-6">
                    <div className="flex items-center justify-end gap-1 sm:gap-2">
                      {manageable ? (
                        <Select
                          aria-label={`Role of ${name}`}
                          value={member.role}
                          onChange={(event) => changeRole(member, event.target.value as Role)}
                          containerClassName="min-w-0 flex-1"
                          className="py-1 pr-8"
                        >
                          {roleOptions(org.role, member.role).map((role) => (
                            <option
                              key={role}
                              value={role}
                              disabled={
                                !roles.mayAssign(org.role, role) ||
                                (roles.isOwner(role) && !mayTransfer && role !== member.role)
                              }
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
                              className="flex size-8 shrink-0 items-center justify-center rounded-lg text-gray-500 hover:bg-gray-100 hover:text-gray-700"
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

      {page && page.total > 0 ? (
        <Pagination
          label="members"
          total={page.total}
          shown={list.length}
          query={query}
          onPage={setPage}
          onSize={setSize}
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

      <ConfirmDialog
        open={demoted !== null}
        onClose={() => setPending(null)}
        title={`Make ${demoted?.member.name || demoted?.member.email} ${withArticle(roleWord(demoted?.role ?? ''))}?`}
        description={
          demoted
            ? `They lose what ${withArticle(roleWord(demoted.member.role))} may do and keep what ${withArticle(roleWord(demoted.role))} may: ${roles.description(demoted.role)}`
            : undefined
        }
        confirmLabel="Change role"
        pendingLabel="Changing…"
        destructive
        onConfirm={async () => {
          if (!demoted) return;
          await applyRole(demoted.member, demoted.role);
          setPending(null);
        }}
      />
    </>
  );
}

export function RowsSkeleton({ label }: { label: string }) {
  return (
    <div
      className="divide-y divide-gray-950/[0.05] border-t border-gray-950/[0.06]"
      role="status"
      aria-label={label}
    >
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
