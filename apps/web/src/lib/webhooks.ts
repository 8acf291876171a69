import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@kit/webhooks/events';
import type { InferResponseType } from 'hono/client';
import { client, params, read, type JsonBody } from './client';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

const hooks = client.organizations[':orgId'].webhooks;
const hook = hooks[':webhookId'];

const GROUP_LABELS: Record<string, string> = {
  invitation: 'Invitations',
  member: 'Members',
  join_request: 'Join requests',
  domain: 'Domains',
  organization: 'Organization',
};

/** The event types by what they are about (the part before the dot), for the event picker. */
export const WEBHOOK_EVENT_GROUPS: Array<{ label: string; types: WebhookEventType[] }> = (() => {
  const groups = new Map<string, WebhookEventType[]>();
  for (const type of WEBHOOK_EVENT_TYPES) {
    const prefix = type.split('.')[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), type]);
  }
  return [...groups].map(([prefix, types]) => ({ label: GROUP_LABELS[prefix] ?? prefix, types }));
})();

// The API's answers, typed from its routes.
export type Webhook = InferResponseType<typeof hooks.$get>['webhooks'][number];
export type WebhookDelivery = InferResponseType<typeof hook.deliveries.$get>['deliveries'][number];

export const fetchWebhooks = (orgId: string) =>
  read(hooks.$get({ param: params({ orgId }) })).then((r) => r.webhooks);

export const createWebhook = (
  orgId: string,
  input: JsonBody<typeof hooks.$post, { url: string; events: string[] }>,
) => {
  const request = { param: params({ orgId }), json: input };
  return read(hooks.$post(request));
};

export const updateWebhook = (
  orgId: string,
  webhookId: string,
  input: JsonBody<
    typeof hook.$patch,
    { url?: string; events?: string[]; status?: Webhook['status'] }
  >,
) => {
  const request = { param: params({ orgId, webhookId }), json: input };
  return read(hook.$patch(request)).then((r) => r.webhook);
};

export const deleteWebhook = (orgId: string, webhookId: string) =>
  read(hook.$delete({ param: params({ orgId, webhookId }) }));

export function fetchDeliveries(orgId: string, webhookId: string, cursor?: string | null) {
  const request = {
    param: params({ orgId, webhookId }),
    query: { limit: '25', ...(cursor ? { cursor } : {}) },
  };
  return read(hook.deliveries.$get(request));
}

export const retryDelivery = (orgId: string, webhookId: string, deliveryId: string) =>
  read(
    hook.deliveries[':deliveryId'].retry.$post({ param: params({ orgId, webhookId, deliveryId }) }),
  ).then((r) => r.delivery);
