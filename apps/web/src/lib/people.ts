import type { InferResponseType } from 'hono/client';
import { client, params, read } from './client';
import type { InvitationStatus } from './organizations';
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

const org = client.organizations[':orgId'];

export type MemberPage = InferResponseType<typeof org.members.$get>;
type InvitationList = InferResponseType<typeof org.invitations.$get>;

/**
 * An offset page of invitations, as the list answers when asked with offset, sort, order, q or
 * ids; `counts` are the matches of the search in each open state (the Pending and Expired tabs).
 * The route answers a cursor page (no totals) otherwise.
 */
export type InvitationPage = Extract<InvitationList, { total: number }>;

export type ListQuery<S extends string> = {
  q: string;
  sort: S;
  order: SortOrder;
  page: number;
  size: number;
};

const orgParam = (orgId: string) => params({ orgId });

function listParams(query: ListQuery<string>): Record<string, string> {
  return {
    sort: query.sort,
    order: query.order,
    limit: String(query.size),
    offset: String((query.page - 1) * query.size),
    ...(query.q.trim() ? { q: query.q.trim() } : {}),
  };
}

const withRole = <T extends { role: string }>(row: T): T => ({
  ...row,
  role: roles.asRole(row.role),
});

export async function fetchMemberPage(orgId: string, query: ListQuery<MemberSort>) {
  const request = { param: orgParam(orgId), query: listParams(query) };
  const page = await read(org.members.$get(request));
  return { ...page, members: page.members.map(withRole) };
}

export async function fetchInvitationPage(
  orgId: string,
  statuses: readonly InvitationStatus[],
  query: ListQuery<InvitationSort>,
) {
  const request = {
    param: orgParam(orgId),
    query: { ...listParams(query), status: statuses.join(',') },
  };
  const page = await invitationPage(request);
  return { ...page, invitations: page.invitations.map(withRole) };
}

/** Just these invitations, as they are now: refreshes the rows on screen. */
export async function fetchInvitationsById(
  orgId: string,
  statuses: readonly InvitationStatus[],
  ids: readonly string[],
) {
  const request = {
    param: orgParam(orgId),
    query: { status: statuses.join(','), ids: ids.join(','), limit: String(ids.length) },
  };
  const page = await invitationPage(request);
  return page.invitations.map(withRole);
}

/** An offset page of invitations (the list pages by cursor too, which this view does not use). */
async function invitationPage(request: {
  param: { orgId: string };
  query: Record<string, string>;
}): Promise<InvitationPage> {
  return (await read(org.invitations.$get(request))) as InvitationPage;
}

/**
 * Whether the organization has more than one owner: members sorted by role list owners first,
 * so the first two rows tell.
 */
export async function hasSeveralOwners(orgId: string): Promise<boolean> {
  const request = {
    param: orgParam(orgId),
    query: { sort: 'role' as const, order: 'asc' as const, limit: '2' },
  };
  const page = await read(org.members.$get(request));
  return page.members.filter((m) => roles.isOwner(m.role)).length > 1;
}

export type BatchAction = 'resend' | 'cancel' | 'renew' | 'remove';
export type BatchResult = InferResponseType<typeof org.invitations.batch.$post>;
export type BatchItemResult = BatchResult['results'][number];

/** One action on several invitations; the answer says what happened to each. */
export function batchInvitations(orgId: string, action: BatchAction, ids: readonly string[]) {
  const request = { param: orgParam(orgId), json: { action, ids: [...ids] } };
  return read(org.invitations.batch.$post(request));
}

/** An expired invitation sent again as a new one (same address and role). */
export function renewInvitation(orgId: string, invitationId: string) {
  return read(
    org.invitations[':invitationId'].renew.$post({ param: params({ orgId, invitationId }) }),
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
