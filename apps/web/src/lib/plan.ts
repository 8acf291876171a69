import { api } from './api';
import type { SeatUsage } from './organizations';

/** A plan of the catalog (`seats: null` = unlimited). */
export type PlanSummary = { id: string; name: string; seats: number | null };

/** GET /api/organizations/:orgId/plan (apps/api/src/routes/plan.schemas.ts). */
export type PlanOverview = {
  plan: PlanSummary;
  seats: SeatUsage;
  plans: PlanSummary[];
  billing: { canManage: boolean; upgradeUrl: string | null };
};

export const planQueryKey = (orgId: string) => `org:${orgId}:plan`;

export function fetchPlanOverview(orgId: string) {
  return api<PlanOverview>(`/api/organizations/${encodeURIComponent(orgId)}/plan`);
}

/** "5 seats", "Unlimited seats". */
export const seatsLabel = (seats: number | null) =>
  seats === null ? 'Unlimited seats' : `${seats} ${seats === 1 ? 'seat' : 'seats'}`;
