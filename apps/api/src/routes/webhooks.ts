import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  retryWebhookDelivery,
  updateWebhook,
  type WebhookSettings,
} from '@kit/webhooks';
import {
  defineRoute,
  json,
  jsonBody,
  noContent,
  router,
  type InvalidInputMapper,
} from '../openapi/route';
import { limitWebhookRetries } from '../security/rate-limiting';
import { requireActor, type SessionEnv } from '../session';
import {
  createWebhookBody,
  createWebhookResponse,
  listWebhooksResponse,
  organizationParams,
  updateWebhookBody,
  webhookDeliveriesQuery,
  webhookDeliveryPageResponse,
  webhookDeliveryParams,
  webhookDeliveryResponse,
  webhookParams,
  webhookResponse,
} from './webhook-schemas';

/** A refused body names its problem with the code of the field at fault. */
const webhookInput: InvalidInputMapper = (error, value) => {
  const issue = error.issues[0];
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
  return { code, message };
};

function pathValue(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : at),
    value,
  );
}

const tags = ['Webhooks'];
const signedIn = { 401: ['UNAUTHORIZED'], 403: ['INSUFFICIENT_PERMISSIONS'] } as const;

const create = defineRoute({
  method: 'post',
  path: '/{orgId}/webhooks',
  tags,
  summary: 'Add a webhook endpoint',
  description: 'The signing secret is in this response only. Owners and admins.',
  request: { params: organizationParams, body: jsonBody(createWebhookBody) },
  responses: { 201: json(createWebhookResponse, 'The endpoint and its signing secret') },
  errors: {
    ...signedIn,
    400: ['INVALID_WEBHOOK_URL', 'UNKNOWN_WEBHOOK_EVENT'],
    404: ['ORGANIZATION_NOT_FOUND'],
    409: ['WEBHOOK_LIMIT_REACHED'],
  },
});

const list = defineRoute({
  method: 'get',
  path: '/{orgId}/webhooks',
  tags,
  summary: "The organization's webhook endpoints",
  request: { params: organizationParams },
  responses: { 200: json(listWebhooksResponse, 'The endpoints') },
  errors: { ...signedIn, 404: ['ORGANIZATION_NOT_FOUND'] },
});

const update = defineRoute({
  method: 'patch',
  path: '/{orgId}/webhooks/{webhookId}',
  tags,
  summary: 'Change a webhook endpoint (url, events, enabled or disabled)',
  request: { params: webhookParams, body: jsonBody(updateWebhookBody) },
  responses: { 200: json(webhookResponse, 'The changed endpoint') },
  errors: {
    ...signedIn,
    400: ['INVALID_WEBHOOK_URL', 'UNKNOWN_WEBHOOK_EVENT'],
    404: ['ORGANIZATION_NOT_FOUND', 'WEBHOOK_NOT_FOUND'],
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/{orgId}/webhooks/{webhookId}',
  tags,
  summary: 'Delete a webhook endpoint',
  request: { params: webhookParams },
  responses: { 204: noContent('Deleted') },
  errors: { ...signedIn, 404: ['ORGANIZATION_NOT_FOUND', 'WEBHOOK_NOT_FOUND'] },
});

const deliveries = defineRoute({
  method: 'get',
  path: '/{orgId}/webhooks/{webhookId}/deliveries',
  tags,
  summary: "An endpoint's delivery log, newest first",
  request: { params: webhookParams, query: webhookDeliveriesQuery },
  responses: { 200: json(webhookDeliveryPageResponse, 'One page of deliveries') },
  errors: { ...signedIn, 404: ['ORGANIZATION_NOT_FOUND', 'WEBHOOK_NOT_FOUND'] },
});

const retry = defineRoute({
  method: 'post',
  path: '/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/retry',
  tags,
  summary: 'Send a delivery again now',
  request: { params: webhookDeliveryParams },
  responses: { 200: json(webhookDeliveryResponse, 'The delivery, queued again') },
  // Each retry sends a request to the endpoint at once: counted per organization.
  middleware: limitWebhookRetries,
  errors: {
    ...signedIn,
    404: ['ORGANIZATION_NOT_FOUND', 'WEBHOOK_NOT_FOUND', 'WEBHOOK_DELIVERY_NOT_FOUND'],
    409: ['WEBHOOK_DELIVERY_IN_PROGRESS'],
    429: ['RATE_LIMITED'],
  },
});

/** An organization's webhook endpoints and their delivery logs; owners and admins. */
export const webhookRoutes = (settings: WebhookSettings) =>
  router<SessionEnv>({ invalid: webhookInput })
    .openapi(create, async (c) => {
      const { orgId } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(
        await createWebhook({ actor: requireActor(c), organizationId: orgId, input, settings }),
        201,
      );
    })
    .openapi(list, async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(
        { webhooks: await listWebhooks({ actor: requireActor(c), organizationId: orgId }) },
        200,
      );
    })
    .openapi(update, async (c) => {
      const { orgId, webhookId } = c.req.valid('param');
      const input = c.req.valid('json');
      const webhook = await updateWebhook({
        actor: requireActor(c),
        organizationId: orgId,
        webhookId,
        input,
        settings,
      });
      return c.json({ webhook }, 200);
    })
    .openapi(remove, async (c) => {
      const { orgId, webhookId } = c.req.valid('param');
      await deleteWebhook({ actor: requireActor(c), organizationId: orgId, webhookId });
      return c.body(null, 204);
    })
    .openapi(deliveries, async (c) => {
      const { orgId, webhookId } = c.req.valid('param');
      const query = c.req.valid('query');
      return c.json(
        await listWebhookDeliveries({
          actor: requireActor(c),
          organizationId: orgId,
          webhookId,
          ...query,
        }),
        200,
      );
    })
    .openapi(retry, async (c) => {
      const { orgId, webhookId, deliveryId } = c.req.valid('param');
      const delivery = await retryWebhookDelivery({
        actor: requireActor(c),
        organizationId: orgId,
        webhookId,
        deliveryId,
      });
      return c.json({ delivery }, 200);
    });
