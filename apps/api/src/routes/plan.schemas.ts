import { z } from 'zod';

/** GET /api/organizations/:orgId/plan */
export const planParamsSchema = z.object({ orgId: z.string().min(1) });

export const planSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** null = unlimited */
  seats: z.number().int().nullable(),
});

export const seatUsageSchema = z.object({
  plan: z.string(),
  limit: z.number().int().nullable(),
  members: z.number().int(),
  pending: z.number().int(),
  available: z.number().int().nullable(),
});

export const planOverviewSchema = z.object({
  plan: planSummarySchema,
  seats: seatUsageSchema,
  plans: z.array(planSummarySchema),
  billing: z.object({
    canManage: z.boolean(),
    upgradeUrl: z.string().url().nullable(),
  }),
});

export type PlanOverviewResponse = z.infer<typeof planOverviewSchema>;
