import {
  db,
  isUniqueViolation,
  joinRequest,
  member,
  organization,
  session,
  user,
  type Executor,
  type Transaction,
} from '@kit/database';
import type { OperationSource } from '@kit/organization-policies';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor';
import { lockOrganization, requireAuthorized } from '../access';
import { activityActor, recordActivity } from '../activity';
import {
  JOIN_REQUEST_STATUSES,
  type JoinRequestStatus,
  type JoinRequestView,
  type Role,
} from '../contracts';
import { fail } from '../errors';
import { newId } from '../ids';
import { actingMember, organizationSummary, policyDatabase } from '../invitations/policy-context';
import { currentRoles, roleNoun } from '../roles';
import { organizationRuntime } from '../runtime';
import { assertSeatsForInvitations } from '../seats';
import { parseInput, roleSchema } from '../validation';
import { queueJoinRequestDecidedEmail, queueJoinRequestReceivedEmails } from './email';

/** A request nobody answered stops counting after this long. */
export const JOIN_REQUEST_TTL_MS = 30 * 24 * 60 * 60 * 1000;

type JoinRequestRow = typeof joinRequest.$inferSelect;

const effectiveStatus = (row: JoinRequestRow, now = new Date()): JoinRequestStatus => {
  if (row.status === 'pending' && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return (JOIN_REQUEST_STATUSES as readonly string[]).includes(row.status)
    ? (row.status as JoinRequestStatus)
    : 'expired';
};

function toView(
  row: JoinRequestRow,
  org: { id: string; name: string; slug: string },
  requester: { id: string; name: string; email: string },
): JoinRequestView {
  return {
    id: row.id,
    organization: { id: org.id, name: org.name, slug: org.slug },
    user: { id: requester.id, name: requester.name, email: requester.email },
    status: effectiveStatus(row),
    source: row.source === 'domain' ? 'domain' : 'invite-link',
    role: row.role === null ? null : currentRoles().asRole(row.role),
    message: row.message,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    memberId: row.memberId,
  };
}

/** The optional note sent with a request to join. */
export const joinMessageSchema = z
  .string()
  .trim()
  .max(500, 'The message is at most 500 characters.')
  .refine(
    (value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value),
    'The message contains control characters.',
  )
  .optional()
  .transform((value) => value || null);

/** Marks requests whose 30 days ran out as expired, so that a new one can take their place. */
async function expireStaleRequests(exec: Executor, organizationId: string, userId?: string) {
  await exec
    .update(joinRequest)
    .set({ status: 'expired' })
    .where(
      and(
        eq(joinRequest.organizationId, organizationId),
        userId ? eq(joinRequest.userId, userId) : undefined,
        eq(joinRequest.status, 'pending'),
        lte(joinRequest.expiresAt, sql`now()`),
      ),
    );
}

export async function findPendingRequest(exec: Executor, organizationId: string, userId: string) {
  const [row] = await exec
    .select()
    .from(joinRequest)
    .where(
      and(
        eq(joinRequest.organizationId, organizationId),
        eq(joinRequest.userId, userId),
        eq(joinRequest.status, 'pending'),
        sql`${joinRequest.expiresAt} > now()`,
      ),
    )
    .limit(1);
  return row;
}

export interface NewJoinRequest {
  organization: { id: string; name: string; slug: string };
  requester: { id: string; name: string; email: string };
  source: 'invite-link' | 'domain';
  inviteLinkId?: string | null;
  domainId?: string | null;
  role?: Role | null;
  message?: string | null;
}

/**
 * Stores a pending request in `tx` (which holds the organization lock): one pending request per
 * person and organization, the `joinRequestCreate` policies, the activity entry and an email to
 * every owner and admin.
 */
export async function insertJoinRequest(
  tx: Transaction,
  input: NewJoinRequest,
): Promise<JoinRequestView> {
  const org = input.organization;
  await expireStaleRequests(tx, org.id, input.requester.id);
  const existing = await findPendingRequest(tx, org.id, input.requester.id);
  if (existing)
    fail('ALREADY_REQUESTED', undefined, {
      remediation: 'Wait for an answer, or withdraw the request from your dashboard.',
      details: { requestId: existing.id },
    });
  const now = new Date();
  await organizationRuntime().registries.joinRequestCreate.enforce({
    organizationId: org.id,
    organization: { id: org.id, name: org.name, slug: org.slug },
    user: input.requester,
    request: {
      id: null,
      source: input.source,
      inviteLinkId: input.inviteLinkId ?? null,
      message: input.message ?? null,
      createdAt: now,
    },
    source: input.source,
    db: policyDatabase(tx),
  });
  const [row] = await tx
    .insert(joinRequest)
    .values({
      id: newId(),
      organizationId: org.id,
      userId: input.requester.id,
      status: 'pending',
      source: input.source,
      inviteLinkId: input.inviteLinkId ?? null,
      domainId: input.domainId ?? null,
      role: input.role ?? null,
      message: input.message ?? null,
      expiresAt: new Date(now.getTime() + JOIN_REQUEST_TTL_MS),
      createdAt: now,
    })
    .returning();
  await recordActivity(tx, {
    organizationId: org.id,
    actorId: input.requester.id,
    action: 'join_request.created',
    targetType: 'join_request',
    targetId: row!.id,
    targetLabel: input.requester.email,
    data: {
      source: input.source,
      ...(input.inviteLinkId ? { inviteLinkId: input.inviteLinkId } : {}),
    },
  });
  await queueJoinRequestReceivedEmails(tx, {
    organization: org,
    requester: input.requester,
    message: row!.message,
  });
  return toView(row!, org, input.requester);
}

/** Turns the unique index's refusal of a parallel second request into ALREADY_REQUESTED. */
export function rethrowDuplicateRequest(error: unknown): never {
  if (isUniqueViolation(error, 'join_request_pending_uidx')) fail('ALREADY_REQUESTED');
  throw error;
}

const listQuery = z.object({
  status: z.enum([...JOIN_REQUEST_STATUSES, 'all']).default('pending'),
});

/** An organization's requests, newest first (pending by default); owners and admins. */
export async function listJoinRequests({
  actor,
  organizationId,
  query = {},
}: {
  actor: Actor;
  organizationId: string;
  query?: unknown;
}): Promise<JoinRequestView[]> {
  const { status } = parseInput(listQuery, query);
  const membership = await requireAuthorized(db, organizationId, actor, { member: ['create'] });
  const rows = await db
    .select({ request: joinRequest, user: { id: user.id, name: user.name, email: user.email } })
    .from(joinRequest)
    .innerJoin(user, eq(user.id, joinRequest.userId))
    .where(eq(joinRequest.organizationId, organizationId))
    .orderBy(desc(joinRequest.createdAt))
    .limit(500);
  return rows
    .map((r) => toView(r.request, membership.organization, r.user))
    .filter((view) => status === 'all' || view.status === status);
}

async function lockedRequest(tx: Transaction, organizationId: string, requestId: string) {
  const [row] = await tx
    .select({ request: joinRequest, user: { id: user.id, name: user.name, email: user.email } })
    .from(joinRequest)
    .innerJoin(user, eq(user.id, joinRequest.userId))
    .where(and(eq(joinRequest.id, requestId), eq(joinRequest.organizationId, organizationId)))
    .for('update', { of: joinRequest });
  if (!row) return fail('JOIN_REQUEST_NOT_FOUND');
  const status = effectiveStatus(row.request);
  if (status !== 'pending')
    fail('JOIN_REQUEST_NOT_PENDING', `This join request is ${status}.`, { details: { status } });
  return row;
}

const approveInput = () => z.object({ role: roleSchema().optional() });
const rejectInput = z.object({
  reason: z
    .string()
    .trim()
    .max(500, 'The reason is at most 500 characters.')
    .optional()
    .transform((value) => value || null),
});

const isRequestId = (id: string) => id.length > 0 && id.length <= 100;

/**
 * Approves: the chosen role (the link's, else the default) within what the approver may grant;
 * under the organization lock the `joinRequestApprove` policies, a seat, the member, the activity
 * entry and the email to the requester.
 */
export async function approveJoinRequest({
  actor,
  organizationId,
  requestId,
  input = {},
  source = 'api',
}: {
  actor: Actor;
  organizationId: string;
  requestId: string;
  input?: unknown;
  source?: OperationSource;
}): Promise<{ member: { id: string; role: Role; userId: string }; request: JoinRequestView }> {
  const data = parseInput(approveInput(), input);
  const membership = await requireAuthorized(db, organizationId, actor, { member: ['create'] });
  if (!isRequestId(requestId)) fail('JOIN_REQUEST_NOT_FOUND');
  const org = membership.organization;
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const found = await lockedRequest(tx, organizationId, requestId);
    const roles = currentRoles();
    const role =
      data.role ?? (found.request.role ? roles.asRole(found.request.role) : roles.defaultRole);
    if (!roles.mayAssign(membership.role, role))
      fail('ROLE_NOT_ALLOWED', `You cannot add someone as ${roleNoun([role])}.`);
    const [already] = await tx
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, organizationId), eq(member.userId, found.user.id)));
    if (already) fail('ALREADY_MEMBER');
    await organizationRuntime().registries.joinRequestApprove.enforce({
      organizationId,
      organization: organizationSummary(membership),
      approver: actingMember(actor, membership.role),
      user: found.user,
      request: {
        id: found.request.id,
        source: found.request.source === 'domain' ? 'domain' : 'invite-link',
        inviteLinkId: found.request.inviteLinkId,
        message: found.request.message,
        createdAt: found.request.createdAt,
      },
      role,
      source,
      db: policyDatabase(tx),
    });
    await assertSeatsForInvitations(tx, organizationId, 1);
    const memberId = newId();
    await tx.insert(member).values({ id: memberId, organizationId, userId: found.user.id, role });
    const [updated] = await tx
      .update(joinRequest)
      .set({ status: 'approved', role, decidedBy: actor.userId, decidedAt: new Date(), memberId })
      .where(eq(joinRequest.id, found.request.id))
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'join_request.approved',
      targetType: 'join_request',
      targetId: found.request.id,
      targetLabel: found.user.email,
      data: { role, memberId },
    });
    await queueJoinRequestDecidedEmail(tx, {
      organization: org,
      requester: found.user,
      approved: true,
      role,
      reason: null,
    });
    return {
      member: { id: memberId, role, userId: found.user.id },
      request: toView(updated!, org, found.user),
    };
  });
}

/** Rejects with an optional reason, which the requester's email quotes. */
export async function rejectJoinRequest({
  actor,
  organizationId,
  requestId,
  input = {},
}: {
  actor: Actor;
  organizationId: string;
  requestId: string;
  input?: unknown;
}): Promise<JoinRequestView> {
  const data = parseInput(rejectInput, input);
  const membership = await requireAuthorized(db, organizationId, actor, { member: ['create'] });
  if (!isRequestId(requestId)) fail('JOIN_REQUEST_NOT_FOUND');
  const org = membership.organization;
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const found = await lockedRequest(tx, organizationId, requestId);
    const [updated] = await tx
      .update(joinRequest)
      .set({
        status: 'rejected',
        reason: data.reason,
        decidedBy: actor.userId,
        decidedAt: new Date(),
      })
      .where(eq(joinRequest.id, found.request.id))
      .returning();
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'join_request.rejected',
      targetType: 'join_request',
      targetId: found.request.id,
      targetLabel: found.user.email,
      data: data.reason ? { reason: data.reason } : {},
    });
    await queueJoinRequestDecidedEmail(tx, {
      organization: org,
      requester: found.user,
      approved: false,
      role: null,
      reason: data.reason,
    });
    return toView(updated!, org, found.user);
  });
}

/** The requester takes their own pending request back. Anyone else's id reads as not found. */
export async function withdrawJoinRequest({
  actor,
  requestId,
}: {
  actor: Actor;
  requestId: string;
}): Promise<JoinRequestView> {
  if (!isRequestId(requestId)) fail('JOIN_REQUEST_NOT_FOUND');
  const [own] = await db
    .select({ organizationId: joinRequest.organizationId })
    .from(joinRequest)
    .where(and(eq(joinRequest.id, requestId), eq(joinRequest.userId, actor.userId)));
  if (!own) return fail('JOIN_REQUEST_NOT_FOUND');
  return db.transaction(async (tx) => {
    await lockOrganization(tx, own.organizationId);
    const found = await lockedRequest(tx, own.organizationId, requestId);
    const [org] = await tx
      .select({ id: organization.id, name: organization.name, slug: organization.slug })
      .from(organization)
      .where(eq(organization.id, own.organizationId));
    const [updated] = await tx
      .update(joinRequest)
      .set({ status: 'withdrawn', decidedAt: new Date() })
      .where(eq(joinRequest.id, found.request.id))
      .returning();
    await recordActivity(tx, {
      organizationId: own.organizationId,
      ...activityActor(actor),
      action: 'join_request.withdrawn',
      targetType: 'join_request',
      targetId: found.request.id,
      targetLabel: found.user.email,
    });
    return toView(updated!, org!, found.user);
  });
}

/** The signed-in person's own requests, newest first. */
export async function listMyJoinRequests({ actor }: { actor: Actor }): Promise<JoinRequestView[]> {
  const rows = await db
    .select({
      request: joinRequest,
      organization: { id: organization.id, name: organization.name, slug: organization.slug },
    })
    .from(joinRequest)
    .innerJoin(organization, eq(organization.id, joinRequest.organizationId))
    .where(eq(joinRequest.userId, actor.userId))
    .orderBy(desc(joinRequest.createdAt))
    .limit(200);
  const me = { id: actor.userId, name: actor.name, email: actor.email };
  return rows.map((r) => toView(r.request, r.organization, me));
}

/** Makes the organization the session's active one (after joining). */
export async function activate(
  tx: Executor,
  sessionId: string | undefined,
  organizationId: string,
) {
  if (!sessionId) return;
  await tx
    .update(session)
    .set({ activeOrganizationId: organizationId })
    .where(eq(session.id, sessionId));
}
