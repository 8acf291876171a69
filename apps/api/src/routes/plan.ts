import { getPlanOverview } from '@kit/organization';
import { Hono } from 'hono';
import { AppError } from '../errors';
import { requireActor, type SessionEnv } from '../session';
import { planParamsSchema } from './plan.schemas';

export interface PlanRoutesOptions {
  /** Where owners change plan (KitConfig.billing.url); unset hides the upgrade link. */
  billingUrl?: string | null;
}

/** An organization's plan, seats and the plan catalog: GET /api/organizations/:orgId/plan. */
export const planRoutes = ({ billingUrl }: PlanRoutesOptions) =>
  new Hono<SessionEnv>().get('/:orgId/plan', async (c) => {
    const params = planParamsSchema.safeParse(c.req.param());
    if (!params.success) throw new AppError(400, 'VALIDATION_ERROR', 'Invalid organization id');
    return c.json(
      await getPlanOverview({
        actor: requireActor(c),
        organizationId: params.data.orgId,
        billingUrl,
      }),
    );
  });
