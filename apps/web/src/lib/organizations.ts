import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from './api';
import { roles, type Role } from './permissions';
import { invalidateQueries } from './query';
import { createResource } from './resource';
import { sessionResource } from './session';

import type {
  ActivityAction,
  ActivityItem as ActivityItemView,
  BulkResult,
  BulkRowResult,
  InvitationPermission,
  InvitationView,
  MemberView,
  OrganizationView,
  SeatUsage,
} from '@kit/organization/contracts';

// The API's shapes come from the server's own contracts (types only: nothing is bundled).
export type {
  ActivityAction,
  BulkResult,
  InvitationPermission,
  BulkRowResult,
  BulkStatus,
  DeliveryStatus,
  InvitationStatus,
  SeatUsage,
} from '@kit/organization/contracts';
export type Organization = OrganizationView;
export type Member = MemberView;
export type Invitation = InvitationView;
/** A row's result; a repeated address names the (1-based) row it repeats, when the API says. */
export type BulkResultRow = BulkRowResult & { duplicateOfRow?: number };
/** An activity entry; an action this page does not know yet still gets a readable line. */
export type ActivityItem = Omit<ActivityItemView, 'action'> & {
  action: ActivityAction | (string & {});
};
export type ActivityPage = { items: ActivityItem[]; nextCursor: string | null };

const normalize = (org: Organization): Organization => ({ ...org, role: roles.asRole(org.role) });

/** The signed-in person's organizations with their role in each. Loaded by the app layout. */
export const organizationsResource = createResource(async () => {
  const data = await api<{ organizations: Organization[] }>('/api/organizations');
  return data.organizations.map(normalize);
});

export function useOrganizations(): Organization[] {
  return organizationsResource.use() ?? [];
}

/** Finds an organization by the `:org` URL segment, which is its slug or its id. */
export function findOrganization(
  organizations: readonly Organization[],
  slugOrId: string | undefined,
): Organization | undefined {
  if (!slugOrId) return undefined;
  return (
    organizations.find((o) => o.slug === slugOrId) ?? organizations.find((o) => o.id === slugOrId)
  );
}

/** Thrown while rendering an organization's page once the person is no longer in it. */
export class OrganizationNotFoundError extends Error {
  override readonly name = 'OrganizationNotFoundError';
}

/**
 * The organization of the current `/orgs/:org/…` page; the route's loader made sure it exists.
 * Found by the page's organization id once known, so that changing its slug keeps the page on it
 * until the address follows.
 */
export function useCurrentOrganization(): Organization {
  const { org } = useParams();
  const organizations = useOrganizations();
  const [known, setKnown] = useState<{ segment: string | undefined; id: string } | null>(null);
  const found =
    findOrganization(organizations, org) ??
    (known && known.segment === org ? organizations.find((o) => o.id === known.id) : undefined);
  if (!found) throw new OrganizationNotFoundError(`Organization "${org}" not found`);
  if (known?.segment !== org || known?.id !== found.id) setKnown({ segment: org, id: found.id });
  return found;
}

/**
 * The organization to show in the switcher and navigation outside an organization's pages: the
 * session's active one, else the first.
 */
/**
 * Organizations just left or deleted: their pages drop them from the list only once unmounted,
 * and the page shown next must not treat them as active in the meantime.
 */
export const departedOrganizations = new Set<string>();

export function useActiveOrganization(): Organization | undefined {
  const organizations = useOrganizations().filter((o) => !departedOrganizations.has(o.id));
  const session = sessionResource.use();
  const activeId = session?.session.activeOrganizationId;
  return organizations.find((o) => o.id === activeId) ?? organizations[0];
}

export const orgPath = (org: Pick<Organization, 'slug'>, page = 'people') =>
  `/orgs/${encodeURIComponent(org.slug)}/${page}`;

/** A tab of the People view: `members`, `pending`, `expired`, `history`. */
export const peoplePath = (org: Pick<Organization, 'slug'>, tab: string) =>
  `${orgPath(org, 'people')}?tab=${encodeURIComponent(tab)}`;

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;

/** Cache keys for useQuery; every key of an organization starts with `org:<id>:`. */
export const queryKeys = {
  org: (orgId: string) => `org:${orgId}:`,
  seats: (orgId: string) => `org:${orgId}:seats`,
};

/** Refetches what is cached for an organization (members, seats, invitations) after a change. */
export function invalidateOrganization(orgId: string): Promise<unknown> {
  return invalidateQueries(queryKeys.org(orgId));
}

export function createOrganization(input: { name: string; slug?: string }) {
  return api<Organization>('/api/organizations', { body: input }).then(normalize);
}

export function updateOrganization(orgId: string, input: { name?: string; slug?: string }) {
  return api<Organization>(base(orgId), { method: 'PATCH', body: input }).then(normalize);
}

export function deleteOrganization(orgId: string) {
  return api<void>(base(orgId), { method: 'DELETE' });
}

export function activateOrganization(orgId: string) {
  return api<Organization | null>(`${base(orgId)}/activate`, { body: {} });
}

export function leaveOrganization(orgId: string) {
  return api<void>(`${base(orgId)}/leave`, { body: {} });
}

export function transferOwnership(orgId: string, memberId: string) {
  return api<unknown>(`${base(orgId)}/transfer-ownership`, { body: { memberId } });
}

export function fetchSeats(orgId: string) {
  return api<SeatUsage>(`${base(orgId)}/seats`);
}

export function updateMemberRole(orgId: string, memberId: string, role: Role) {
  return api<unknown>(`${base(orgId)}/members/${encodeURIComponent(memberId)}`, {
    method: 'PATCH',
    body: { role },
  });
}

export function removeMember(orgId: string, memberId: string) {
  return api<void>(`${base(orgId)}/members/${encodeURIComponent(memberId)}`, {
    method: 'DELETE',
  });
}

/** "May I invite?", asked before the invite form is shown. */
export function fetchInvitationPermission(orgId: string, signal?: AbortSignal) {
  return api<InvitationPermission>(`/api/organizations/${orgId}/invitations/permission`, {
    signal,
  });
}

export function createInvitation(orgId: string, input: { email: string; role: Role }) {
  return api<{ invitation: Invitation }>(`${base(orgId)}/invitations`, { body: input }).then(
    (d) => d.invitation,
  );
}

export function resendInvitation(orgId: string, invitationId: string) {
  return api<{ invitation: Invitation }>(
    `${base(orgId)}/invitations/${encodeURIComponent(invitationId)}/resend`,
    { body: {} },
  ).then((d) => d.invitation);
}

export function cancelInvitation(orgId: string, invitationId: string) {
  return api<{ invitation: Invitation }>(
    `${base(orgId)}/invitations/${encodeURIComponent(invitationId)}`,
    { method: 'DELETE' },
  ).then((d) => d.invitation);
}

/** Invites many people at once: a list (JSON) or a CSV file's text. `dryRun` only predicts. */
export function bulkInvite(
  orgId: string,
  input: { invitations: { email: string; role: Role }[] } | { csv: string },
  { dryRun = false, signal }: { dryRun?: boolean; signal?: AbortSignal } = {},
) {
  const path = `${base(orgId)}/invitations/bulk${dryRun ? '?dryRun=true' : ''}`;
  return 'csv' in input
    ? api<BulkResult>(path, { rawBody: input.csv, contentType: 'text/csv', signal })
    : api<BulkResult>(path, { body: input, signal });
}

export function fetchActivity(orgId: string, cursor?: string | null, limit = 30) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return api<ActivityPage>(`${base(orgId)}/activity?${query}`);
}

/** After joining, leaving or switching: the session's active organization and the list change. */
export async function refreshOrganizations(): Promise<Organization[]> {
  const [organizations] = await Promise.all([
    organizationsResource.load({ force: true }),
    sessionResource.load({ force: true }),
  ]);
  return organizations;
}

let loadedForUser: string | null = null;

/** The organizations of `userId`, fetched again when another person signed in since the last load. */
export function loadOrganizations(userId: string, { force = false } = {}): Promise<Organization[]> {
  const stale = loadedForUser !== userId;
  loadedForUser = userId;
  return organizationsResource.load({ force: force || stale });
}
