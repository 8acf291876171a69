import {
  db,
  invitation,
  isUniqueViolation,
  transactionPipeline,
  user,
  type Transaction,
} from '@kit/database';
import { emailsQueued, enqueueSealedEmails, invitationDeliveryStatus } from '@kit/email';
import { chargedOutside, RateLimitedError, refusalAfterRollback } from '@kit/rate-limit';
import type { OperationSource } from '@kit/organization-policies';
import { and, desc, eq, gt, lte, or, sql, type SQL } from 'drizzle-orm';
import { PolicyDeniedError } from '@kit/policies';
import { z } from 'zod';
import type { Actor } from '../actor';
import type { InvitationPermission } from '../contracts';
import {
  lockOrganization,
  lockOrganizationSql,
  requireAuthorized,
  requireMembership,
  requirePermission,
  type Membership,
} from '../access';
import { activityActor, recordActivity } from '../activity';
import { newInvitationExpiry } from '../config';
import { fail, OrganizationError } from '../errors';
import { isCursorId, isRealTimestamp } from '../cursor-parts';
import { newId, newInvitationToken } from '../ids';
import { currentRoles, roleNoun } from '../roles';
import { organizationRuntime } from '../runtime';
import { emailSchema, metadataSchema, parseInput, perRoleSet, roleSchema } from '../validation';
import { invitationUrl, queueInvitationEmail, sealInvitationEmails } from './email';
import {
  assertMayResend,
  chargeInvitationEmails,
  invitationEmailHits,
  type InvitationLimits,
} from './limits';
import { createInvitationStatement, type CreateStatementRow } from './create-statement';
import { actingMember, organizationSummary, policyDatabase, sourceOf } from './policy-context';
import {
  findInvitationInOrganization,
  findPendingInvitation,
  invitationChecks,
  type InvitationChecks,
  type InvitationRow,
} from './queries';
import { assertSeatsForInvitations, requireFreeSeats, seatUsageOf } from '../seats';
import { insertInvitations } from './store';
import {
  effectiveStatus,
  INVITATION_STATUSES,
  toInvitationView,
  type InvitationStatus,
  type InvitationView,
} from './view';

export const createInvitationInput = perRoleSet(() =>
  z.object({
    email: emailSchema,
    role: roleSchema().default(currentRoles().defaultRole),
    metadata: metadataSchema.default({}),
  }),
);

export interface CreatedInvitation {
  invitation: InvitationView;
  /** The link for the invitee; shown only to server-side callers (CLI), never listed. */
  url: string;
}

const justQueued = { status: 'queued', attempts: 0, lastError: null, sentAt: null } as const;

const inviterOf = (actor: Actor) => ({ id: actor.userId, name: actor.name, email: actor.email });

function alreadyInvited(invitationId: string): never {
  return fail('ALREADY_INVITED', undefined, {
    remediation: 'Resend the pending invitation instead.',
    details: { invitationId },
  });
}

/**
 * The checks every new invitation passes, in the transaction holding the organization lock:
 * duplicates, the `invitationCreate` policies (with the transaction as `db`) and seats.
 */
async function assertMayInvite(
  tx: Transaction,
  input: {
    actor: Actor;
    membership: Membership;
    email: string;
    role: Membership['role'];
    metadata: Record<string, unknown>;
    source: OperationSource;
  },
  /** Already read under the lock (createInvitation reads them with the lock, in one round trip). */
  checked?: InvitationChecks,
): Promise<void> {
  const organizationId = input.membership.organization.id;
  const checks = checked ?? (await invitationChecks(tx, organizationId, input.email));
  if (checks.isMember) fail('ALREADY_MEMBER');
  if (checks.pendingInvitationId) alreadyInvited(checks.pendingInvitationId);
  await organizationRuntime().registries.invitationCreate.enforce({
    organizationId,
    organization: organizationSummary(input.membership),
    inviter: actingMember(input.actor, input.membership.role),
    email: input.email,
    role: input.role,
    metadata: input.metadata,
    source: sourceOf(input.actor, input.source),
    db: policyDatabase(tx),
  });
  // Counted by the checks' statement, under the lock: nobody else can take a seat meanwhile.
  requireFreeSeats(checks.seats, 1);
}

/**
 * A new invitation when no `invitationCreate` policy is registered (nothing needs to run between
 * the checks and the insert): the organization lock and one statement that checks, charges the
 * send counters, queues the email and stores the row with its activity entry, sent with begin
 * and commit in one round trip. The lock is held while the server runs that statement and the
 * commit, never across a round trip to this process.
 */
async function storeWithoutPolicies(
  input: Parameters<typeof createInvitationStatement>[0],
): Promise<InvitationRow> {
  const { statement, row } = createInvitationStatement(input);
  let answer: CreateStatementRow;
  try {
    const [locked, answered] = await transactionPipeline([
      lockOrganizationSql(input.organizationId),
      statement,
    ]);
    if (locked!.length === 0) fail('ORGANIZATION_NOT_FOUND');
    answer = answered![0] as CreateStatementRow;
  } catch (error) {
    if (input.hits.length > 0 && hasSqlState(error, '22012')) {
      throw (
        (await refusalAfterRollback(db, input.hits)) ??
        new RateLimitedError(1, `${input.hits[0]!.reason}. Try again in 1 s.`)
      );
    }
    throw error;
  }
  if (!answer.stored) {
    if (answer.is_member) fail('ALREADY_MEMBER');
    if (answer.pending_invitation_id) alreadyInvited(answer.pending_invitation_id);
    requireFreeSeats(seatUsageOf(answer), 1);
    throw new Error('The invitation was neither stored nor refused by a check');
  }
  emailsQueued();
  if (input.hits.length > 0) await chargedOutside(db);
  return row;
}

/** True when `error` (or an error it wraps) carries Postgres SQLSTATE `code`. */
function hasSqlState(error: unknown, code: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/**
 * Invites `email` with `role`. Before any lock: the input, permission and role ceiling, the
 * token and the sealed email (template and props, rendered at delivery). Then, without
 * `invitationCreate` policies, storeWithoutPolicies (one round trip). With policies, one
 * transaction: the outbox row, the organization lock and one statement for the duplicate and
 * seat checks, sent together; then the policies; then the send counters and one statement for
 * the row and its activity entry, sent together; the lock is held for those two round trips and
 * the commit.
 */
export async function createInvitation({
  actor,
  organizationId,
  input,
  source = 'api',
  limits,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
  source?: OperationSource;
  /** Send limits (the API passes its configuration); none for operator paths. */
  limits?: InvitationLimits;
}): Promise<CreatedInvitation> {
  const data = parseInput(createInvitationInput(), input);
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  if (!currentRoles().mayAssign(membership.role, data.role)) {
    fail('ROLE_NOT_ALLOWED', `You cannot invite someone as ${roleNoun([data.role])}.`);
  }

  const { token, tokenHash } = newInvitationToken();
  const id = newId();
  const expiresAt = newInvitationExpiry();
  let row: InvitationRow;
  try {
    // Sealed before the transaction: the email needs no check (a refusal rolls it back).
    const [email] = await sealInvitationEmails([
      {
        invitationId: id,
        organizationId,
        token,
        email: data.email,
        role: data.role,
        expiresAt,
        organizationName: membership.organization.name,
        inviter: actor,
      },
    ]);
    const invitationRow = {
      id,
      email: data.email,
      role: data.role,
      tokenHash,
      metadata: data.metadata,
    };
    row =
      organizationRuntime().registries.invitationCreate.listPolicies().length === 0
        ? await storeWithoutPolicies({
            organizationId,
            actorId: actor.userId,
            apiKey: actor.apiKey,
            source,
            expiresAt,
            invitation: invitationRow,
            email: email!,
            hits: invitationEmailHits(limits, {
              organizationId,
              senderId: actor.userId,
              emails: [data.email],
            }),
          })
        : await db.transaction(async (tx) => {
            // Sent together (pipelined on the transaction's connection): the server runs them
            // in order, so the checks read, with a fresh snapshot, once the lock is held.
            const [, , checks] = await Promise.all([
              enqueueSealedEmails(tx, [email!]),
              lockOrganization(tx, organizationId),
              invitationChecks(tx, organizationId, data.email),
            ]);
            await assertMayInvite(tx, { actor, membership, ...data, source }, checks);
            // The counters and the rows together too: a refusal by the counters rolls the rows back.
            const [, [inserted]] = await Promise.all([
              chargeInvitationEmails(tx, limits, {
                organizationId,
                senderId: actor.userId,
                emails: [data.email],
              }),
              insertInvitations(tx, {
                organizationId,
                actorId: actor.userId,
                apiKey: actor.apiKey,
                source,
                expiresAt,
                invitations: [invitationRow],
              }),
            ]);
            return inserted!;
          });
  } catch (error) {
    if (isUniqueViolation(error, 'invitation_pending_email_uidx')) {
      const winner = await findPendingInvitation(db, organizationId, data.email);
      alreadyInvited(winner?.id ?? '');
    }
    throw error;
  }

  return {
    invitation: toInvitationView(row, inviterOf(actor), justQueued, limits?.resendCooldownMs),
    url: invitationUrl(token),
  };
}

const precheckInput = perRoleSet(() =>
  z.object({
    email: emailSchema.optional(),
    role: roleSchema().default(currentRoles().defaultRole),
  }),
);

export type { InvitationPermission };
/**
 * Asks, before anyone fills in the invite form, whether `actor` may invite (optionally `email`
 * as `role`): the same permission, role and policy (`source: 'precheck'`) checks as
 * `createInvitation`, plus duplicates and seats when an address is given, in a transaction
 * that writes nothing. Seats alone do not refuse: the form shows them and names the limit. Non-members get
 * ORGANIZATION_NOT_FOUND like every other organization route.
 */
export async function checkInvitationPermission({
  actor,
  organizationId,
  input = {},
}: {
  actor: Actor;
  organizationId: string;
  input?: unknown;
}): Promise<InvitationPermission> {
  const data = parseInput(precheckInput(), input);
  const membership = await requireMembership(db, organizationId, actor);
  try {
    requirePermission(membership, { invitation: ['create'] });
    if (!currentRoles().mayAssign(membership.role, data.role)) {
      fail('ROLE_NOT_ALLOWED', `You cannot invite someone as ${roleNoun([data.role])}.`);
    }
    await db.transaction(async (tx) => {
      if (data.email) {
        await assertMayInvite(tx, {
          actor,
          membership,
          email: data.email,
          role: data.role,
          metadata: {},
          source: 'precheck',
        });
        return;
      }
      await organizationRuntime().registries.invitationCreate.enforce({
        organizationId,
        organization: organizationSummary(membership),
        inviter: actingMember(actor, membership.role),
        email: null,
        role: data.role,
        metadata: {},
        source: 'precheck',
        db: policyDatabase(tx),
      });
    });
    return { allowed: true };
  } catch (error) {
    if (error instanceof OrganizationError || error instanceof PolicyDeniedError) {
      return {
        allowed: false,
        code: error.code,
        message: error.message,
        ...(error.remediation ? { remediation: error.remediation } : {}),
      };
    }
    throw error;
  }
}

/**
 * A fresh link: the old invitation becomes `replaced` (its link answers INVITATION_REPLACED),
 * a new one with a new token and a restarted expiry takes its place, and the email goes again.
 */
export async function resendInvitation({
  actor,
  organizationId,
  invitationId,
  limits,
}: {
  actor: Actor;
  organizationId: string;
  invitationId: string;
  /** Send limits and the resend cooldown (the API passes its configuration). */
  limits?: InvitationLimits;
}): Promise<CreatedInvitation> {
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['resend'] });
  const { token, tokenHash } = newInvitationToken();
  const { row, inviter } = await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const old = await findInvitationInOrganization(tx, organizationId, invitationId, {
      lock: true,
    });
    if (old.status !== 'pending') {
      fail(
        'INVITATION_NOT_PENDING',
        `This invitation is ${old.status}; only pending invitations can be resent.`,
        {
          remediation: 'Send a new invitation instead.',
        },
      );
    }
    assertMayHandle(membership, old);
    await organizationRuntime().registries.invitationCreate.enforce({
      organizationId,
      organization: organizationSummary(membership),
      inviter: actingMember(actor, membership.role),
      email: old.email,
      role: summary(old).role,
      metadata: old.metadata,
      source: 'resend',
      db: policyDatabase(tx),
    });
    // A pending, unexpired invitation already holds its seat; an expired one needs a free seat.
    if (effectiveStatus(old) === 'expired') await assertSeatsForInvitations(tx, organizationId, 1);
    await assertMayResend(tx, limits, old, actor.userId);
    const id = newId();
    await tx
      .update(invitation)
      .set({ status: 'replaced', replacedById: id })
      .where(eq(invitation.id, old.id));
    const [fresh] = await tx
      .insert(invitation)
      .values({
        id,
        organizationId,
        email: old.email,
        role: old.role,
        status: 'pending',
        inviterId: old.inviterId,
        tokenHash,
        metadata: old.metadata,
        expiresAt: newInvitationExpiry(),
      })
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'invitation.resent',
      targetType: 'invitation',
      targetId: id,
      targetLabel: old.email,
      data: { replaces: old.id },
    });
    const [originalInviter] = old.inviterId
      ? await tx
          .select({ id: user.id, name: user.name, email: user.email })
          .from(user)
          .where(eq(user.id, old.inviterId))
      : [];
    await queueInvitationEmail(tx, {
      invitationId: id,
      organizationId: fresh!.organizationId,
      token,
      email: fresh!.email,
      role: fresh!.role,
      expiresAt: fresh!.expiresAt,
      organizationName: membership.organization.name,
      inviter: originalInviter ?? null,
    });
    return { row: fresh!, inviter: originalInviter ?? null };
  });
  return {
    invitation: toInvitationView(row, inviter, justQueued, limits?.resendCooldownMs),
    url: invitationUrl(token),
  };
}

/** Only who may grant an invitation's role may resend or cancel it (admins never owner invitations). */
function assertMayHandle(membership: Membership, row: InvitationRow) {
  const roles = currentRoles();
  if (roles.mayAssign(membership.role, row.role)) return;
  const message = `Only ${roleNoun(roles.assigners(row.role))} can manage ${roleNoun([row.role])} invitation.`;
  fail(roles.isOwner(row.role) ? 'CANNOT_MODIFY_OWNER' : 'ROLE_NOT_ALLOWED', message);
}

/**
 * Cancels an invitation already locked under its organization's lock: the `invitationCancel`
 * policies, the update and the activity entry, for every path that cancels one.
 */
export async function cancelLockedInvitation(
  tx: Transaction,
  {
    organizationId,
    membership,
    locked,
    actor,
    source,
    data,
  }: {
    organizationId: string;
    membership: Membership;
    locked: typeof invitation.$inferSelect;
    actor: Actor;
    source: OperationSource;
    data?: Record<string, unknown>;
  },
): Promise<typeof invitation.$inferSelect> {
  await organizationRuntime().registries.invitationCancel.enforce({
    organizationId,
    organization: organizationSummary(membership),
    invitation: summary(locked),
    actor: actingMember(actor, membership.role),
    source: sourceOf(actor, source),
    db: policyDatabase(tx),
  });
  const [updated] = await tx
    .update(invitation)
    .set({ status: 'canceled', respondedAt: new Date() })
    .where(eq(invitation.id, locked.id))
    .returning();
  await recordActivity(tx, {
    organizationId,
    ...activityActor(actor),
    action: 'invitation.canceled',
    targetType: 'invitation',
    targetId: locked.id,
    targetLabel: locked.email,
    ...(data ? { data } : {}),
  });
  return updated!;
}

/** Cancels a pending invitation; its link stops working at once. */
export async function cancelInvitation({
  actor,
  organizationId,
  invitationId,
  source = 'api',
}: {
  actor: Actor;
  organizationId: string;
  invitationId: string;
  source?: OperationSource;
}): Promise<InvitationView> {
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['cancel'] });
  const row = await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const locked = await findInvitationInOrganization(tx, organizationId, invitationId, {
      lock: true,
    });
    if (locked.status !== 'pending') {
      fail('INVITATION_NOT_PENDING', `This invitation is already ${locked.status}.`);
    }
    assertMayHandle(membership, locked);
    return cancelLockedInvitation(tx, { organizationId, membership, locked, actor, source });
  });
  const [inviter] = row.inviterId
    ? await db
        .select({ id: user.id, name: user.name, email: user.email })
        .from(user)
        .where(eq(user.id, row.inviterId))
    : [];
  return toInvitationView(row, inviter ?? null);
}

export function summary(row: InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: toInvitationView(row, null).role,
    inviterId: row.inviterId,
    metadata: row.metadata,
    expiresAt: row.expiresAt,
  };
}

const statusFilter: Record<InvitationStatus, SQL | undefined> = {
  pending: and(eq(invitation.status, 'pending'), gt(invitation.expiresAt, sql`now()`)),
  expired: or(
    eq(invitation.status, 'expired'),
    and(eq(invitation.status, 'pending'), lte(invitation.expiresAt, sql`now()`)),
  ),
  accepted: eq(invitation.status, 'accepted'),
  declined: eq(invitation.status, 'declined'),
  canceled: eq(invitation.status, 'canceled'),
  replaced: eq(invitation.status, 'replaced'),
};

/** Invitations of one status (pending by default), newest first, with their inviter. */
export interface InvitationPage {
  invitations: InvitationView[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Invitations of one or more statuses (pending by default), newest first, with their inviter
 * and delivery status; keyset-paginated so that no page skips or repeats a row.
 */
export async function listInvitations({
  actor,
  organizationId,
  status = 'pending',
  limit = 200,
  cursor,
  limits,
}: {
  actor: Actor;
  organizationId: string;
  status?: string;
  limit?: number;
  cursor?: string;
  /** For `resendAvailableAt` (the resend cooldown). */
  limits?: InvitationLimits;
}): Promise<InvitationPage> {
  const statuses = status === 'all' ? [...INVITATION_STATUSES] : status.split(',');
  for (const s of statuses) {
    if (!(INVITATION_STATUSES as readonly string[]).includes(s)) {
      throw new OrganizationError(
        'VALIDATION_ERROR',
        `Unknown status "${s}". Use one of: ${INVITATION_STATUSES.join(', ')}, all.`,
      );
    }
  }
  const after = cursor ? decodeInvitationCursor(cursor) : undefined;
  await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  const rows = await db
    .select({
      invitation,
      inviter: { id: user.id, name: user.name, email: user.email },
      // The exact stored timestamp (microseconds) keeps the cursor precise.
      position: sql<string>`${invitation.createdAt}::text`,
    })
    .from(invitation)
    .leftJoin(user, eq(user.id, invitation.inviterId))
    .where(
      and(
        eq(invitation.organizationId, organizationId),
        or(...statuses.map((s) => statusFilter[s as InvitationStatus])),
        after
          ? sql`(${invitation.createdAt}, ${invitation.id}) < (${after.createdAt}::timestamptz, ${after.id})`
          : undefined,
      ),
    )
    .orderBy(desc(invitation.createdAt), desc(invitation.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const delivery = await invitationDeliveryStatus(page.map((r) => r.invitation.id));
  const last = page.at(-1);
  return {
    invitations: page.map((r) =>
      toInvitationView(
        r.invitation,
        r.inviter?.id ? r.inviter : null,
        delivery.get(r.invitation.id) ?? null,
        limits?.resendCooldownMs,
      ),
    ),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.position, last.invitation.id])).toString('base64url')
        : null,
  };
}

function decodeInvitationCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (typeof createdAt === 'string' && isRealTimestamp(createdAt) && isCursorId(id)) {
      return { createdAt, id };
    }
  } catch {
    /* reported below */
  }
  throw new OrganizationError('VALIDATION_ERROR', 'Invalid cursor.');
}
