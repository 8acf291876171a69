import { db } from '@kit/database';
import type { Actor } from './actor';
import { requireMembership } from './access';
import type { SeatUsage } from './contracts';
import { currentPlans, organizationRuntime } from './runtime';
import { seatUsage } from './seats';

export interface PlanSummary {
  id: string;
  name: string;
  /** null = unlimited */
  seats: number | null;
}

export interface PlanOverview {
  /** The plan the organization is on (a custom seat count from its subscription is in `seats.limit`). */
  plan: PlanSummary;
  seats: SeatUsage;
  /** Every plan of the catalog, in its order. */
  plans: PlanSummary[];
  billing: {
    /** Whether the person may change the plan: owners. */
    canManage: boolean;
    /**
     * Where an owner changes the plan: the configured billing URL with `organization` and `plan`
     * added to its query. null for everyone else, or when no billing URL is configured.
     */
    upgradeUrl: string | null;
  };
}

/** The billing page's address for one organization, from the kit's configured base URL. */
export function billingUrlFor(base: string, organizationId: string, plan: string): string {
  const url = new URL(base);
  url.searchParams.set('organization', organizationId);
  url.searchParams.set('plan', plan);
  return url.toString();
}

/**
 * What an organization's Plan & seats page shows: its plan, the seats used and free, the plans of
 * the catalog, and where its owners go to change plan. Any member may read it.
 */
export async function getPlanOverview({
  actor,
  organizationId,
  billingUrl,
}: {
  actor: Actor;
  organizationId: string;
  /** The kit's billing URL (createKit's `billing.url`); unset when billing is not configured. */
  billingUrl?: string | null;
}): Promise<PlanOverview> {
  const membership = await requireMembership(db, organizationId, actor);
  const seats = await seatUsage(db, organizationId);
  const { plans, defaultPlan } = currentPlans();
  const summaries = Object.entries(plans).map(([id, plan]) => ({
    id,
    name: plan.name,
    seats: plan.seats,
  }));
  const current = summaries.find((p) => p.id === seats.plan) ??
    summaries.find((p) => p.id === defaultPlan) ?? {
      id: seats.plan,
      name: seats.plan,
      seats: null,
    };
  const canManage = organizationRuntime().roles.isOwner(membership.role);
  return {
    plan: current,
    seats,
    plans: summaries,
    billing: {
      canManage,
      upgradeUrl:
        canManage && billingUrl ? billingUrlFor(billingUrl, organizationId, current.id) : null,
    },
  };
}
