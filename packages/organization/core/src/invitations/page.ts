import { db, invitation, user } from '@kit/database';
import { invitationDeliveryStatus } from '@kit/email';
import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor';
import { requireAuthorized } from '../access';
import { OrganizationError } from '../errors';
import { DEFAULT_PAGE_SIZE, likePattern, MAX_PAGE_SIZE, type SortOrder } from '../members-query';
import { currentRoles } from '../roles';
import type { InvitationLimits } from './limits';
import { INVITATION_STATUSES, toInvitationView, type InvitationStatus } from './view';
import type { InvitationView } from './view';

export const INVITATION_SORTS = ['email', 'role', 'created', 'expires'] as const;
export type InvitationSort = (typeof INVITATION_SORTS)[number];

export interface InvitationPageQuery {
  /** Statuses to list; `pending` excludes expired rows, `expired` is its own state. */
  statuses?: InvitationStatus[];
  /** Case-insensitive substring of the invited address. */
  q?: string;
  /** Only these invitations (to refresh the rows on screen). */
  ids?: string[];
  sort?: InvitationSort;
  order?: SortOrder;
  limit?: number;
  offset?: number;
}

export interface InvitationOffsetPage {
  invitations: InvitationView[];
  total: number;
  limit: number;
  offset: number;
  /** How many match the search in each open state: the tab counts (expired never counts as pending). */
  counts: { pending: number; expired: number };
}

const livePending = and(eq(invitation.status, 'pending'), sql`${invitation.expiresAt} > now()`)!;
const expired = or(
  eq(invitation.status, 'expired'),
  and(eq(invitation.status, 'pending'), sql`${invitation.expiresAt} <= now()`),
)!;

export const invitationStatusFilter: Record<InvitationStatus, SQL> = {
  pending: livePending,
  expired,
  accepted: eq(invitation.status, 'accepted'),
  declined: eq(invitation.status, 'declined'),
  canceled: eq(invitation.status, 'canceled'),
  replaced: eq(invitation.status, 'replaced'),
};

function invitationOrder(sort: InvitationSort, order: SortOrder): SQL {
  const dir = sql.raw(order === 'desc' ? 'desc' : 'asc');
  const key = {
    email: sql`lower(${invitation.email}) collate "C" ${dir}`,
    role: sql`coalesce(array_position(string_to_array(${currentRoles().ids.join(',')}, ','), ${invitation.role}), 2147483647) ${dir}`,
    created: sql`${invitation.createdAt} ${dir}`,
    expires: sql`${invitation.expiresAt} ${dir}`,
  }[sort];
  return sql`${key}, ${invitation.id} ${dir}`;
}

/**
 * Invitations searched, sorted and paged by offset with their total, for the People view;
 * the same permission as listing invitations. Expired rows are their own state.
 */
export async function listInvitationsPage({
  actor,
  organizationId,
  query = {},
  limits,
}: {
  actor: Actor;
  organizationId: string;
  query?: InvitationPageQuery;
  /** For `resendAvailableAt` (the resend cooldown). */
  limits?: InvitationLimits;
}): Promise<InvitationOffsetPage> {
  const statuses = query.statuses?.length ? query.statuses : (['pending'] as const);
  for (const s of statuses) {
    if (!(INVITATION_STATUSES as readonly string[]).includes(s)) {
      throw new OrganizationError('VALIDATION_ERROR', `Unknown status "${s}".`);
    }
  }
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const offset = Math.max(query.offset ?? 0, 0);
  await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });

  // Newest first by default; text columns and expiry ascending.
  const sort = query.sort ?? 'created';
  const search = query.q?.trim();
  const base = and(
    eq(invitation.organizationId, organizationId),
    search ? ilike(invitation.email, likePattern(search)) : undefined,
  );
  const where = and(
    base,
    or(...statuses.map((s) => invitationStatusFilter[s])),
    query.ids?.length ? inArray(invitation.id, query.ids) : undefined,
  );
  const [rows, [counts]] = await Promise.all([
    db
      .select({
        invitation,
        inviter: { id: user.id, name: user.name, email: user.email },
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(invitation)
      .leftJoin(user, eq(user.id, invitation.inviterId))
      .where(where)
      .orderBy(invitationOrder(sort, query.order ?? (sort === 'created' ? 'desc' : 'asc')))
      .limit(limit)
      .offset(offset),
    db
      .select({
        pending: sql<number>`count(*) filter (where ${livePending})`.mapWith(Number),
        expired: sql<number>`count(*) filter (where ${expired})`.mapWith(Number),
      })
      .from(invitation)
      .where(and(base, or(livePending, expired))),
  ]);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [counted] = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(invitation)
      .where(where);
    total = counted?.n ?? 0;
  }
  const delivery = await invitationDeliveryStatus(rows.map((r) => r.invitation.id));
  return {
    invitations: rows.map((r) =>
      toInvitationView(
        r.invitation,
        r.inviter?.id ? r.inviter : null,
        delivery.get(r.invitation.id) ?? null,
        limits?.resendCooldownMs,
      ),
    ),
    total,
    limit,
    offset,
    counts: { pending: counts?.pending ?? 0, expired: counts?.expired ?? 0 },
  };
}
