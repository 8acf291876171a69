import { getPlanOverview } from '@kit/organization';
import { defineRoute, json, router } from '../openapi/route';
import { requireActor, type SessionEnv } from '../session';
import { planOverviewSchema, planParamsSchema } from './plan.schemas';

export interface PlanRoutesOptions {
  /** Where owners change plan (KitConfig.billing.url); unset hides the upgrade link. */
  billingUrl?: string | null;
}

const plan = defineRoute({
  method: 'get',
  path: '/{orgId}/plan',
  tags: ['Organizations'],
  summary: "The organization's plan, seats and the plan catalog",
  request: { params: planParamsSchema },
  responses: { 200: json(planOverviewSchema, 'The plan overview') },
  errors: { 401: ['UNAUTHORIZED'], 404: ['ORGANIZATION_NOT_FOUND'] },
  invalid: () => ({ code: 'VALIDATION_ERROR', message: 'Invalid organization id' }),
});

/** An organization's plan, seats and the plan catalog: GET /api/organizations/:orgId/plan. */
export const planRoutes = ({ billingUrl }: PlanRoutesOptions) =>
  router<SessionEnv>().openapi(plan, async (c) =>
    c.json(
      await getPlanOverview({
        actor: requireActor(c),
        organizationId: c.req.valid('param').orgId,
        billingUrl,
      }),
      200,
    ),
  );
