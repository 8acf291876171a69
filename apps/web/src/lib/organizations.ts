import type { InferResponseType } from 'hono/client';
import { useState } from 'react';
import { useParams } from 'react-router';
import { client, params, read, type JsonBody } from './client';
import { roles, type Role } from './permissions';
import { invalidateQueries } from './query';
import { createResource } from './resource';
import { sessionResource } from './session';

// Names of states and actions the API uses (types only: nothing is bundled).
export type {
  ActivityAction,
  BulkStatus,
  DeliveryStatus,
  InvitationStatus,
} from '@kit/organization/contracts';
import type { ActivityAction } from '@kit/organization/contracts';

const orgs = client.organizations;
const org = orgs[':orgId'];
const invitation = org.invitations[':invitationId'];

// The API's answers, typed from its routes.
export type Organization = InferResponseType<typeof orgs.$get>['organizations'][number];
export type Member = InferResponseType<typeof org.members.$get>['members'][number];
export type Invitation = InferResponseType<typeof invitation.resend.$post>['invitation'];
export type SeatUsage = InferResponseType<typeof org.seats.$get>;
export type InvitationPermission = InferResponseType<typeof org.invitations.permission.$get>;
export type BulkResult = InferResponseType<typeof org.invitations.bulk.$post>;
/** A row's result; a repeated address names the (1-based) row it repeats, when the API says. */
export type BulkResultRow = BulkResult['results'][number] & { duplicateOfRow?: number };
export type ActivityPage = Omit<InferResponseType<typeof org.activity.$get>, 'items'> & {
  items: ActivityItem[];
};
/** An activity entry; an action this page does not know yet still gets a readable line. */
export type ActivityItem = Omit<
  InferResponseType<typeof org.activity.$get>['items'][number],
  'action'
> & {
  action: ActivityAction | (string & {});
};

const normalize = (org: Organization): Organization => ({ ...org, role: roles.asRole(org.role) });

/** The signed-in person's organizations with their role in each. Loaded by the app layout. */
export const organizationsResource = createResource(async () => {
  const data = await read(orgs.$get());
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

const orgParam = (orgId: string) => ({ param: params({ orgId }) });

/** Cache keys for useQuery; every key of an organization starts with `org:<id>:`. */
export const queryKeys = {
  org: (orgId: string) => `org:${orgId}:`,
  seats: (orgId: string) => `org:${orgId}:seats`,
};

/** Refetches what is cached for an organization (members, seats, invitations) after a change. */
export function invalidateOrganization(orgId: string): Promise<unknown> {
  return invalidateQueries(queryKeys.org(orgId));
}

export function createOrganization(
  input: JsonBody<typeof orgs.$post, { name: string; slug?: string }>,
) {
  const request = { json: input };
  return read(orgs.$post(request)).then(normalize);
}

export function updateOrganization(
  orgId: string,
  input: JsonBody<typeof org.$patch, { name?: string; slug?: string }>,
) {
  const request = { ...orgParam(orgId), json: input };
  return read(org.$patch(request)).then(normalize);
}

export function deleteOrganization(orgId: string) {
  return read(org.$delete(orgParam(orgId)));
}

export function activateOrganization(orgId: string) {
  return read(org.activate.$post(orgParam(orgId)));
}

export function leaveOrganization(orgId: string) {
  return read(org.leave.$post(orgParam(orgId)));
}

export function transferOwnership(orgId: string, memberId: string) {
  const request = { ...orgParam(orgId), json: { memberId } };
  return read(org['transfer-ownership'].$post(request));
}

export function fetchSeats(orgId: string) {
  return read(org.seats.$get(orgParam(orgId)));
}

const memberParam = (orgId: string, memberId: string) => ({ param: params({ orgId, memberId }) });

export function updateMemberRole(orgId: string, memberId: string, role: Role) {
  const request = { ...memberParam(orgId, memberId), json: { role } };
  return read(org.members[':memberId'].$patch(request));
}

export function removeMember(orgId: string, memberId: string) {
  return read(org.members[':memberId'].$delete(memberParam(orgId, memberId)));
}

/** "May I invite?", asked before the invite form is shown. */
export function fetchInvitationPermission(orgId: string, signal?: AbortSignal) {
  return read(
    org.invitations.permission.$get({ ...orgParam(orgId), query: {} }, { init: { signal } }),
  );
}

export function createInvitation(orgId: string, input: { email: string; role: Role }) {
  const request = { ...orgParam(orgId), json: input };
  return read(org.invitations.$post(request)).then((d) => d.invitation);
}

const invitationParam = (orgId: string, invitationId: string) => ({
  param: params({ orgId, invitationId }),
});

export function resendInvitation(orgId: string, invitationId: string) {
  return read(invitation.resend.$post(invitationParam(orgId, invitationId))).then(
    (d) => d.invitation,
  );
}

export function cancelInvitation(orgId: string, invitationId: string) {
  return read(invitation.$delete(invitationParam(orgId, invitationId))).then((d) => d.invitation);
}

/** Invites many people at once: a list (JSON) or a CSV file's text. `dryRun` only predicts. */
export function bulkInvite(
  orgId: string,
  input: { invitations: { email: string; role: Role }[] } | { csv: string },
  { dryRun = false, signal }: { dryRun?: boolean; signal?: AbortSignal } = {},
) {
  const query = dryRun ? { dryRun: 'true' } : {};
  // A CSV file is sent as it is, as text/csv (the route takes either type): no JSON body is set
  // for it, and `init.body` carries the file.
  const request =
    'csv' in input
      ? { ...orgParam(orgId), query, json: undefined as never }
      : { ...orgParam(orgId), query, json: input };
  return read(
    org.invitations.bulk.$post(
      request,
      'csv' in input
        ? { headers: { 'Content-Type': 'text/csv' }, init: { body: input.csv, signal } }
        : { init: { signal } },
    ),
  );
}

export function fetchActivity(
  orgId: string,
  cursor?: string | null,
  limit = 30,
): Promise<ActivityPage> {
  const query = { limit: String(limit), ...(cursor ? { cursor } : {}) };
  const request = { ...orgParam(orgId), query };
  return read(org.activity.$get(request));
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
