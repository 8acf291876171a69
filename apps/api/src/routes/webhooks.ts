import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  retryWebhookDelivery,
  updateWebhook,
  type WebhookSettings,
} from '@kit/webhooks';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';
import { limitWebhookRetries } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  createWebhookBody,
  organizationParams,
  updateWebhookBody,
  webhookDeliveriesQuery,
  webhookDeliveryParams,
  webhookParams,
} from './webhook-schemas';

/** A refused body names its problem with the code of the field at fault. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path[0];
  const code =
    field === 'events' && issue?.code === 'invalid_value'
      ? 'UNKNOWN_WEBHOOK_EVENT'
      : field === 'url'
        ? 'INVALID_WEBHOOK_URL'
        : 'VALIDATION_ERROR';
  const message =
    code === 'UNKNOWN_WEBHOOK_EVENT'
      ? `Unknown event type: ${String(pathValue(value, issue!.path))}.`
      : `${field ? `${String(field)}: ` : ''}${issue?.message ?? 'Invalid request.'}`;
  throw new AppError(400, code, message);
}

function pathValue(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : at),
    value,
  );
}

const params = <S extends z.ZodType>(c: Context, schema: S): z.infer<S> =>
  parse(schema, c.req.param());

/** An organization's webhook endpoints and their delivery logs; owners and admins. */
export const webhookRoutes = (settings: WebhookSettings) =>
  new Hono<SessionEnv>()
    .use('/:orgId/webhooks/:webhookId/deliveries/:deliveryId/retry', limitWebhookRetries)
    .post('/:orgId/webhooks', async (c) => {
      const actor = requireActor(c);
      const { orgId } = params(c, organizationParams);
      const input = parse(createWebhookBody, await readJson(c));
      return c.json(await createWebhook({ actor, organizationId: orgId, input, settings }), 201);
    })
    .get('/:orgId/webhooks', async (c) => {
      const { orgId } = params(c, organizationParams);
      return c.json({
        webhooks: await listWebhooks({ actor: requireActor(c), organizationId: orgId }),
      });
    })
    .patch('/:orgId/webhooks/:webhookId', async (c) => {
      const actor = requireActor(c);
      const { orgId, webhookId } = params(c, webhookParams);
      const input = parse(updateWebhookBody, await readJson(c));
      return c.json({
        webhook: await updateWebhook({
          actor,
          organizationId: orgId,
          webhookId,
          input,
          settings,
        }),
      });
    })
    .delete('/:orgId/webhooks/:webhookId', async (c) => {
      const { orgId, webhookId } = params(c, webhookParams);
      await deleteWebhook({ actor: requireActor(c), organizationId: orgId, webhookId });
      return c.body(null, 204);
    })
    .get('/:orgId/webhooks/:webhookId/deliveries', async (c) => {
      const actor = requireActor(c);
      const { orgId, webhookId } = params(c, webhookParams);
      const query = parse(webhookDeliveriesQuery, c.req.query());
      return c.json(
        await listWebhookDeliveries({
          actor,
          organizationId: orgId,
          webhookId,
          ...query,
        }),
      );
    })
    .post('/:orgId/webhooks/:webhookId/deliveries/:deliveryId/retry', async (c) => {
      const { orgId, webhookId, deliveryId } = params(c, webhookDeliveryParams);
      return c.json({
        delivery: await retryWebhookDelivery({
          actor: requireActor(c),
          organizationId: orgId,
          webhookId,
          deliveryId,
        }),
      });
    });
