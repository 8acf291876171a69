import { db, invitation, member, subscription, type Executor } from '@kit/database';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor';
import { lockOrganization, requireMembership } from './access';
import type { SeatUsage } from './contracts';
import { fail } from './errors';

export type { SeatUsage };
import { livePendingInvitations } from './invitations/queries';
import { currentPlans } from './runtime';

const LIVE_SUBSCRIPTION = ['active', 'trialing'];

export async function seatUsage(exec: Executor, organizationId: string): Promise<SeatUsage> {
  const [sub] = await exec
    .select({ plan: subscription.plan, seats: subscription.seats })
    .from(subscription)
    .where(
      and(
        eq(subscription.referenceId, organizationId),
        inArray(subscription.status, LIVE_SUBSCRIPTION),
      ),
    )
    .orderBy(desc(subscription.updatedAt))
    .limit(1);
  const { plans, defaultPlan } = currentPlans();
  const plan = sub?.plan ?? defaultPlan;
  const planSeats = (Object.hasOwn(plans, plan) ? plans[plan] : plans[defaultPlan])?.seats ?? null;
  const limit = sub ? (sub.seats ?? planSeats) : planSeats;

  const [[memberCount], [pendingCount]] = await Promise.all([
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(member)
      .where(eq(member.organizationId, organizationId)),
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(invitation)
      .where(livePendingInvitations(organizationId)),
  ]);
  const members = memberCount?.n ?? 0;
  const pending = pendingCount?.n ?? 0;
  return {
    plan,
    limit,
    members,
    pending,
    available: limit === null ? null : Math.max(0, limit - members - pending),
  };
}

function seatLimitReached(usage: SeatUsage, message: string): never {
  return fail('SEAT_LIMIT_REACHED', message, {
    remediation:
      'Upgrade your plan for more seats, or remove members or cancel pending invitations.',
    details: { limit: usage.limit, members: usage.members, pending: usage.pending },
  });
}

/**
 * Throws SEAT_LIMIT_REACHED unless `count` new invitations fit. Call it inside the transaction
 * holding the organization lock, so that concurrent requests cannot both take the last seat.
 */
export async function assertSeatsForInvitations(
  exec: Executor,
  organizationId: string,
  count: number,
): Promise<SeatUsage> {
  const usage = await seatUsage(exec, organizationId);
  if (usage.available !== null && usage.available < count) {
    seatLimitReached(
      usage,
      count === 1
        ? `All ${usage.limit} seats are taken (${plural(usage.members, 'member')}, ${plural(usage.pending, 'pending invitation')}).`
        : `Only ${usage.available} of the ${count} seats needed are free.`,
    );
  }
  return usage;
}

/** Accepting turns the invitation's reserved seat into a member: the member count must fit. */
export async function assertSeatForNewMember(
  exec: Executor,
  organizationId: string,
): Promise<void> {
  const usage = await seatUsage(exec, organizationId);
  if (usage.limit !== null && usage.members + 1 > usage.limit) {
    seatLimitReached(
      usage,
      `The organization has no free seats (${usage.members} of ${usage.limit} used).`,
    );
  }
}

export async function getSeatUsage({
  actor,
  organizationId,
}: {
  actor: Actor;
  organizationId: string;
}): Promise<SeatUsage> {
  await requireMembership(db, organizationId, actor);
  return seatUsage(db, organizationId);
}

/**
 * Puts an organization on a plan without a billing provider (operators, the CLI, a billing
 * webhook): upserts its active subscription row. `seats` overrides the plan's seat count.
 */
export async function setOrganizationPlan({
  organizationId,
  plan,
  seats,
}: {
  organizationId: string;
  plan: string;
  seats?: number | null;
}): Promise<SeatUsage> {
  const { plans } = currentPlans();
  if (!Object.hasOwn(plans, plan))
    fail('VALIDATION_ERROR', `Unknown plan "${plan}". Plans: ${Object.keys(plans).join(', ')}.`);
  if (seats !== undefined && seats !== null && (!Number.isInteger(seats) || seats < 1)) {
    fail('VALIDATION_ERROR', 'Seats must be a positive whole number.');
  }
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const [live] = await tx
      .select({ id: subscription.id })
      .from(subscription)
      .where(
        and(
          eq(subscription.referenceId, organizationId),
          inArray(subscription.status, LIVE_SUBSCRIPTION),
        ),
      )
      .limit(1);
    const values = { plan, seats: seats === undefined ? null : seats, status: 'active' as const };
    if (live) await tx.update(subscription).set(values).where(eq(subscription.id, live.id));
    else
      await tx.insert(subscription).values({
        id: randomUUID(),
        referenceId: organizationId,
        periodStart: new Date(),
        ...values,
      });
    return seatUsage(tx, organizationId);
  });
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
