import { api } from './api';
import type { Invitation, InvitationStatus, Member } from './organizations';
import { roles, type Role } from './permissions';

/**
 * The People view's data: one page of members or invitations at a time, searched and sorted by
 * the API, and the batch actions on invitations.
 */

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export type SortOrder = 'asc' | 'desc';
export type MemberSort = 'name' | 'email' | 'role' | 'joined';
export type InvitationSort = 'email' | 'role' | 'created' | 'expires';

export type MemberPage = { members: Member[]; total: number; limit: number; offset: number };
export type InvitationPage = {
  invitations: Invitation[];
  total: number;
  limit: number;
  offset: number;
  /** Matches of the search in each open state: the Pending and Expired tab counts. */
  counts: { pending: number; expired: number };
};

export type ListQuery<S extends string> = {
  q: string;
  sort: S;
  order: SortOrder;
  page: number;
  size: number;
};

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

function listParams(query: ListQuery<string>): URLSearchParams {
  const params = new URLSearchParams({
    sort: query.sort,
    order: query.order,
    limit: String(query.size),
    offset: String((query.page - 1) * query.size),
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  return params;
}

const withRole = <T extends { role: string }>(row: T): T => ({
  ...row,
  role: roles.asRole(row.role),
});

export async function fetchMemberPage(orgId: string, query: ListQuery<MemberSort>) {
  const page = await api<MemberPage>(`${base(orgId)}/members?${listParams(query)}`);
  return { ...page, members: page.members.map(withRole) };
}

export async function fetchInvitationPage(
  orgId: string,
  statuses: readonly InvitationStatus[],
  query: ListQuery<InvitationSort>,
) {
  const params = listParams(query);
  params.set('status', statuses.join(','));
  const page = await api<InvitationPage>(`${base(orgId)}/invitations?${params}`);
  return { ...page, invitations: page.invitations.map(withRole) };
}

/** Just these invitations, as they are now: refreshes the rows on screen. */
export async function fetchInvitationsById(
  orgId: string,
  statuses: readonly InvitationStatus[],
  ids: readonly string[],
) {
  const params = new URLSearchParams({
    status: statuses.join(','),
    ids: ids.join(','),
    limit: String(ids.length),
  });
  const page = await api<InvitationPage>(`${base(orgId)}/invitations?${params}`);
  return page.invitations.map(withRole);
}

/**
 * Whether the organization has more than one owner: members sorted by role list owners first,
 * so the first two rows tell.
 */
export async function hasSeveralOwners(orgId: string): Promise<boolean> {
  const page = await api<MemberPage>(
    `${base(orgId)}/members?${new URLSearchParams({ sort: 'role', order: 'asc', limit: '2' })}`,
  );
  return page.members.filter((m) => roles.isOwner(m.role)).length > 1;
}

export type BatchAction = 'resend' | 'cancel' | 'renew' | 'remove';
export type BatchItemResult =
  | { id: string; ok: true; invitation: Invitation }
  | {
      id: string;
      ok: false;
      error: { code: string; message: string; status: number; retryAfter?: number };
    };
export type BatchResult = {
  action: BatchAction;
  results: BatchItemResult[];
  succeeded: number;
  failed: number;
};

/** One action on several invitations; the answer says what happened to each. */
export function batchInvitations(orgId: string, action: BatchAction, ids: readonly string[]) {
  return api<BatchResult>(`${base(orgId)}/invitations/batch`, { body: { action, ids } });
}

/** An expired invitation sent again as a new one (same address and role). */
export function renewInvitation(orgId: string, invitationId: string) {
  return api<{ invitation: Invitation }>(
    `${base(orgId)}/invitations/${encodeURIComponent(invitationId)}/renew`,
    { body: {} },
  ).then((d) => withRole(d.invitation));
}

/**
 * Whether changing a member from `from` to `to` takes away anything they may do now: `to` lacks
 * an action `from` holds (read from the role set's permissions, whatever the roles are called).
 */
export function isDemotion(from: Role, to: Role): boolean {
  const held = roles.definition.roles[from as keyof typeof roles.definition.roles]?.permissions;
  if (!held) return false;
  return Object.entries(held).some(([resource, actions]) =>
    (actions ?? []).some((action) => !roles.can(to, { [resource]: [action] })),
  );
}
