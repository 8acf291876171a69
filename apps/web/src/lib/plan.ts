import type { InferResponseType } from 'hono/client';
import { client, params, read } from './client';

const plan = client.organizations[':orgId'].plan;

/** The organization's plan, its seats, the plan catalog and where to change plan. */
export type PlanOverview = InferResponseType<typeof plan.$get>;
/** A plan of the catalog (`seats: null` = unlimited). */
export type PlanSummary = PlanOverview['plan'];

export const planQueryKey = (orgId: string) => `org:${orgId}:plan`;

export function fetchPlanOverview(orgId: string) {
  return read(plan.$get({ param: params({ orgId }) }));
}

/** "5 seats", "Unlimited seats". */
export const seatsLabel = (seats: number | null) =>
  seats === null ? 'Unlimited seats' : `${seats} ${seats === 1 ? 'seat' : 'seats'}`;
