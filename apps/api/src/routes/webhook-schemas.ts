import { MAX_WEBHOOK_URL_LENGTH, WEBHOOK_EVENT_TYPES } from '@kit/webhooks';
import { z } from 'zod';

/**
 * The webhook routes' request and response shapes (routes/webhooks.ts validates with them).
 * Error codes: 400 VALIDATION_ERROR, INVALID_WEBHOOK_URL, UNKNOWN_WEBHOOK_EVENT; 401
 * UNAUTHORIZED; 403 INSUFFICIENT_PERMISSIONS; 404 ORGANIZATION_NOT_FOUND, WEBHOOK_NOT_FOUND,
 * WEBHOOK_DELIVERY_NOT_FOUND; 409 WEBHOOK_LIMIT_REACHED, WEBHOOK_DELIVERY_IN_PROGRESS.
 */

const id = z.string().min(1).max(200);

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const organizationParams = z.object({ orgId: id });
export const webhookParams = organizationParams.extend({ webhookId: id });
export const webhookDeliveryParams = webhookParams.extend({ deliveryId: id });

const events = z
  .array(webhookEventTypeSchema)
  .min(1, 'Choose at least one event.')
  .max(WEBHOOK_EVENT_TYPES.length * 2);
const url = z.string().trim().min(1, 'Enter the endpoint URL.').max(MAX_WEBHOOK_URL_LENGTH);

export const createWebhookBody = z.strictObject({ url, events });

export const updateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    status: z.enum(['enabled', 'disabled']).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Nothing to change: send url, events or status.');

export const webhookDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(300).optional(),
});

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(webhookEventTypeSchema),
  status: z.enum(['enabled', 'disabled']),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const createWebhookResponse = z.object({
  webhook: webhookSchema,
  /** The signing secret (`whsec_…`): shown this once. */
  secret: z.string().startsWith('whsec_'),
});

export const listWebhooksResponse = z.object({ webhooks: z.array(webhookSchema) });
export const webhookResponse = z.object({ webhook: webhookSchema });

export const webhookDeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  lastError: z.string().nullable(),
  payload: z.unknown(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

export const webhookDeliveryPageResponse = z.object({
  deliveries: z.array(webhookDeliverySchema),
  nextCursor: z.string().nullable(),
});

export const webhookDeliveryResponse = z.object({ delivery: webhookDeliverySchema });

export type CreateWebhookBody = z.infer<typeof createWebhookBody>;
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;
