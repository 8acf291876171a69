/**
 * The plans an organization can be on and the seats each includes. Edit this file to match
 * your pricing; a `subscription` row's own `seats` value overrides the plan's.
 * `seats: null` means unlimited.
 */
export const PLANS = {
  free: { name: 'Free', seats: 5 },
  team: { name: 'Team', seats: 25 },
  business: { name: 'Business', seats: 100 },
  enterprise: { name: 'Enterprise', seats: null },
} as const satisfies Record<string, { name: string; seats: number | null }>;

export type PlanId = keyof typeof PLANS;

/** The plan of an organization without an active or trialing subscription. */
export const DEFAULT_PLAN: PlanId = 'free';

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(PLANS, value);
}

/** The plans one kit offers: `createKit({ plans })` takes another catalog (a test's, a fork's). */
export interface PlanCatalog {
  plans: Readonly<Record<string, { name: string; seats: number | null }>>;
  /** The plan of an organization without an active or trialing subscription. */
  defaultPlan: string;
}

/** The catalog above, the kit's default. */
export const kitPlans: PlanCatalog = { plans: PLANS, defaultPlan: DEFAULT_PLAN };
