import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@kit/webhooks/events';
import { api } from './api';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };

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

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}/webhooks`;

export const fetchWebhooks = (orgId: string) =>
  api<{ webhooks: Webhook[] }>(base(orgId)).then((r) => r.webhooks);

export const createWebhook = (orgId: string, input: { url: string; events: string[] }) =>
  api<{ webhook: Webhook; secret: string }>(base(orgId), { body: input });

export const updateWebhook = (
  orgId: string,
  webhookId: string,
  input: { url?: string; events?: string[]; status?: Webhook['status'] },
) =>
  api<{ webhook: Webhook }>(`${base(orgId)}/${encodeURIComponent(webhookId)}`, {
    method: 'PATCH',
    body: input,
  }).then((r) => r.webhook);

export const deleteWebhook = (orgId: string, webhookId: string) =>
  api<void>(`${base(orgId)}/${encodeURIComponent(webhookId)}`, { method: 'DELETE' });

export function fetchDeliveries(orgId: string, webhookId: string, cursor?: string | null) {
  const query = new URLSearchParams({ limit: '25' });
  if (cursor) query.set('cursor', cursor);
  return api<{ deliveries: WebhookDelivery[]; nextCursor: string | null }>(
    `${base(orgId)}/${encodeURIComponent(webhookId)}/deliveries?${query}`,
  );
}

export const retryDelivery = (orgId: string, webhookId: string, deliveryId: string) =>
  api<{ delivery: WebhookDelivery }>(
    `${base(orgId)}/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/retry`,
    { method: 'POST' },
  ).then((r) => r.delivery);
