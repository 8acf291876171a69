import { db, member, session, user, type Executor } from '@kit/database';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor';
import {
  lockOrganization,
  requireAuthorized,
  requireMembership,
  requireSessionActor,
  type Membership,
} from './access';
import { activityActor, recordActivity } from './activity';
import type { MemberView } from './contracts';
import { fail } from './errors';
import { currentRoles, roleNoun } from './roles';

export type { MemberView };
import { metadataSchema, parseInput, roleSchema } from './validation';

const memberColumns = {
  id: member.id,
  userId: member.userId,
  role: member.role,
  createdAt: member.createdAt,
  name: user.name,
  email: user.email,
  image: user.image,
  metadata: member.metadata,
};

type MemberRow = {
  id: string;
  userId: string;
  role: string;
  createdAt: Date;
  name: string;
  email: string;
  image: string | null;
  metadata: Record<string, unknown>;
};

const toView = (row: MemberRow): MemberView => ({
  id: row.id,
  userId: row.userId,
  name: row.name,
  email: row.email,
  image: row.image,
  role: currentRoles().asRole(row.role),
  joinedAt: row.createdAt.toISOString(),
  metadata: row.metadata,
});

export async function listMembers({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<MemberView[]> {
  await requireMembership(db, organizationId, actor);
  const rows = await db
    .select(memberColumns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, organizationId))
    .orderBy(asc(member.createdAt), asc(member.id));
  return rows.map(toView);
}

async function findMember(
  exec: Executor,
  organizationId: string,
  memberId: string,
): Promise<MemberView> {
  const [row] = await exec
    .select(memberColumns)
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, organizationId), eq(member.id, memberId)))
    .limit(1);
  if (!row) return fail('MEMBER_NOT_FOUND');
  return toView(row);
}

async function countOwners(exec: Executor, organizationId: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.role, currentRoles().owner)));
  return row?.n ?? 0;
}

/**
 * Rules shared by role changes and removals of someone else: nobody manages a member holding a
 * role they could not grant.
 */
function assertMayManage(actor: Membership, target: MemberView): void {
  const roles = currentRoles();
  if (roles.mayAssign(actor.role, target.role)) return;
  const message = `Only ${roleNoun(roles.assigners(target.role))} can change or remove ${roleNoun([target.role])}.`;
  fail(roles.isOwner(target.role) ? 'CANNOT_MODIFY_OWNER' : 'INSUFFICIENT_PERMISSIONS', message);
}

async function assertNotLastOwner(
  exec: Executor,
  organizationId: string,
  target: MemberView,
  message: string,
) {
  if (currentRoles().isOwner(target.role) && (await countOwners(exec, organizationId)) <= 1) {
    fail('LAST_OWNER', message, {
      remediation: 'Make another member an owner first, or transfer ownership.',
    });
  }
}

export async function updateMemberRole({
  actor,
  organizationId,
  memberId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  memberId: string;
  input: unknown;
}): Promise<MemberView> {
  const roles = currentRoles();
  const { role } = parseInput(z.object({ role: roleSchema() }), input);
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const acting = await requireAuthorized(tx, organizationId, actor, { member: ['update'] });
    const target = await findMember(tx, organizationId, memberId);
    if (!roles.mayAssign(acting.role, role)) {
      fail('ROLE_NOT_ALLOWED', `You cannot grant the ${roles.label(role)} role.`);
    }
    if (roles.isOwner(role)) requireSessionActor(actor, `grant the ${roles.label(role)} role`);
    assertMayManage(acting, target);
    if (target.role === role) return target;
    if (!roles.isOwner(role))
      await assertNotLastOwner(tx, organizationId, target, 'The last owner cannot be demoted.');
    await tx.update(member).set({ role }).where(eq(member.id, target.id));
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'member.role_changed',
      targetType: 'member',
      targetId: target.id,
      targetLabel: target.email,
      data: { from: target.role, to: role },
    });
    return { ...target, role };
  });
}

export async function removeMember({
  actor,
  organizationId,
  memberId,
}: {
  actor: Actor;
  organizationId: string;
  memberId: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const acting = await requireMembership(tx, organizationId, actor);
    const target = await findMember(tx, organizationId, memberId);
    const self = target.userId === actor.userId;
    // Removing the key's own creator would be leaving the organization through the key.
    if (self) requireSessionActor(actor, 'remove the member who created it');
    if (!self) {
      if (!currentRoles().can(acting.role, { member: ['delete'] }))
        fail('INSUFFICIENT_PERMISSIONS');
      assertMayManage(acting, target);
    }
    await assertNotLastOwner(
      tx,
      organizationId,
      target,
      self ? 'The last owner cannot leave the organization.' : 'The last owner cannot be removed.',
    );
    await detachMember(tx, organizationId, target);
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: self ? 'member.left' : 'member.removed',
      targetType: 'member',
      targetId: target.id,
      targetLabel: target.email,
      data: { role: target.role },
    });
  });
}

/** Leaving: removing one's own membership. */
export async function leaveOrganization({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<void> {
  requireSessionActor(actor, 'leave the organization');
  const membership = await requireMembership(db, organizationId, actor);
  await removeMember({ actor, organizationId, memberId: membership.memberId });
}

async function detachMember(exec: Executor, organizationId: string, target: MemberView) {
  await exec.delete(member).where(eq(member.id, target.id));
  await exec
    .update(session)
    .set({ activeOrganizationId: null })
    .where(
      and(eq(session.userId, target.userId), eq(session.activeOrganizationId, organizationId)),
    );
}

/** The acting owner hands ownership to another member and becomes an admin. */
export async function transferOwnership({
  actor,
  organizationId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<{ newOwner: MemberView; previousOwner: MemberView }> {
  const { memberId } = parseInput(
    z.object({
      memberId: z
        .string({ error: 'Choose a member.' })
        .min(1, 'Choose a member.')
        .max(100, 'Unknown member.'),
    }),
    input,
  );
  requireSessionActor(actor, 'transfer ownership');
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const roles = currentRoles();
    const transfer = { organization: ['transfer'] } as const;
    const acting = await requireMembership(tx, organizationId, actor);
    if (!roles.can(acting.role, transfer))
      fail(
        'INSUFFICIENT_PERMISSIONS',
        `Only ${roleNoun(roles.holders(transfer))} can transfer ownership.`,
      );
    const target = await findMember(tx, organizationId, memberId);
    if (target.userId === actor.userId)
      fail('VALIDATION_ERROR', 'Choose another member to become the owner.');
    await tx.update(member).set({ role: roles.owner }).where(eq(member.id, target.id));
    await tx.update(member).set({ role: roles.formerOwner }).where(eq(member.id, acting.memberId));
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'ownership.transferred',
      targetType: 'member',
      targetId: target.id,
      targetLabel: target.email,
      data: { from: actor.email, to: target.email },
    });
    const previousOwner = await findMember(tx, organizationId, acting.memberId);
    return { newOwner: { ...target, role: roles.owner }, previousOwner };
  });
}

/**
 * Replaces a member's metadata (what the invitation carried, or anything an integration keeps
 * about the membership), within the same limits as invitation metadata. Owners and admins, or
 * an API key with `members:write`; the member's role decides nothing here.
 */
export async function updateMemberMetadata({
  actor,
  organizationId,
  memberId,
  input,
}: {
  actor: Actor;
  organizationId: string;
  memberId: string;
  input: unknown;
}): Promise<MemberView> {
  const { metadata } = parseInput(z.strictObject({ metadata: metadataSchema }), input);
  return db.transaction(async (tx) => {
    await requireAuthorized(tx, organizationId, actor, { member: ['update'] });
    const target = await findMember(tx, organizationId, memberId);
    await tx.update(member).set({ metadata }).where(eq(member.id, target.id));
    await recordActivity(tx, {
      organizationId,
      ...activityActor(actor),
      action: 'member.metadata_updated',
      targetType: 'member',
      targetId: target.id,
      targetLabel: target.email,
      data: { keys: Object.keys(metadata).slice(0, 20) },
    });
    return { ...target, metadata };
  });
}
