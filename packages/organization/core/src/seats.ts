import {
  db,
  invitation,
  member,
  pgArray,
  rowsOf,
  subscription,
  type Executor,
} from '@kit/database';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor';
import { lockOrganization, requireMembership } from './access';
import type { SeatUsage } from './contracts';
import { fail } from './errors';

export type { SeatUsage };
import { livePendingInvitations } from './invitations/queries';
import { currentPlans } from './runtime';

const LIVE_SUBSCRIPTION = ['active', 'trialing'];

/** The seat counts as columns of one row: the live subscription's plan and seats, members, holds. */
export const seatColumns = (organizationId: string): SQL => sql`
  (select ${subscription.plan} from ${subscription}
     where ${subscription.referenceId} = ${organizationId} and ${subscription.status} in ('active', 'trialing')
     order by ${subscription.updatedAt} desc limit 1) as subscription_plan,
  (select coalesce(${subscription.seats}, -1) from ${subscription}
     where ${subscription.referenceId} = ${organizationId} and ${subscription.status} in ('active', 'trialing')
     order by ${subscription.updatedAt} desc limit 1) as subscription_seats,
  (select count(*)::int from ${member} where ${member.organizationId} = ${organizationId}) as members,
  (select count(*)::int from ${invitation} where ${livePendingInvitations(organizationId)}) as pending`;

/** What seatColumns selects. */
export interface SeatColumns {
  subscription_plan: string | null;
  /** -1: the subscription names no seat count (its plan's applies). */
  subscription_seats: number | string | null;
  members: number | string;
  pending: number | string;
}

/** Seat usage from the row seatColumns selected. */
export function seatUsageOf(row: SeatColumns): SeatUsage {
  const { plans, defaultPlan } = currentPlans();
  const hasSubscription = row.subscription_plan !== null;
  const plan = row.subscription_plan ?? defaultPlan;
  const planSeats = (Object.hasOwn(plans, plan) ? plans[plan] : plans[defaultPlan])?.seats ?? null;
  const ownSeats = row.subscription_seats === null ? -1 : Number(row.subscription_seats);
  const limit = hasSubscription && ownSeats >= 0 ? ownSeats : planSeats;
  const members = Number(row.members);
  const pending = Number(row.pending);
  return {
    plan,
    limit,
    members,
    pending,
    available: limit === null ? null : Math.max(0, limit - members - pending),
  };
}

/**
 * seatUsageOf's `limit` as SQL, over `row`, a row with seatColumns' columns: the subscription's
 * own seats, else its plan's (the default plan's when it names none the catalog has); null when
 * unlimited.
 */
export function seatLimitSql(row: SQL): SQL {
  const { plans, defaultPlan } = currentPlans();
  const names = Object.keys(plans);
  const names$ = pgArray(names, 'text');
  const seats$ = pgArray(
    names.map((name) => plans[name]!.seats ?? null),
    'integer',
  );
  return sql`(case when ${row}.subscription_plan is not null and ${row}.subscription_seats >= 0
      then ${row}.subscription_seats
    else (select plan.seats from unnest(${names$}, ${seats$}) as plan(name, seats)
      where plan.name = case when ${row}.subscription_plan = any(${names$})
        then ${row}.subscription_plan else ${defaultPlan} end) end)`;
}

/** Plan, seat limit, members and pending invitations, in one statement. */
export async function seatUsage(exec: Executor, organizationId: string): Promise<SeatUsage> {
  const [row] = rowsOf<SeatColumns>(await exec.execute(sql`select ${seatColumns(organizationId)}`));
  return seatUsageOf(row!);
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
  requireFreeSeats(usage, count);
  return usage;
}

/** Throws SEAT_LIMIT_REACHED unless `count` new invitations fit in `usage` (counted under the lock). */
export function requireFreeSeats(usage: SeatUsage, count: number): void {
  if (usage.available !== null && usage.available < count) {
    seatLimitReached(
      usage,
      count === 1
        ? `All ${usage.limit} seats are taken (${plural(usage.members, 'member')}, ${plural(usage.pending, 'pending invitation')}).`
        : `Only ${usage.available} of the ${count} seats needed are free.`,
    );
  }
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
