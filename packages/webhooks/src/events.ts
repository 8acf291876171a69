/**
 * The events an endpoint can subscribe to. Each comes from the organization's activity log
 * (packages/database/drizzle, the webhook_events_from_activity trigger maps actions to these
 * types), so every way a change is made (web app, REST, bulk import, CLI) sends it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'invitation.created',
  'invitation.accepted',
  'invitation.declined',
  'invitation.canceled',
  'invitation.expired',
  'member.added',
  'member.removed',
  'member.role_changed',
  'organization.updated',
  'organization.ownership_transferred',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: unknown): value is WebhookEventType =>
  typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** What a receiver gets: the body of every POST, the same on each attempt. */
export interface WebhookEvent {
  /** Also sent as `webhook-id`; stable across retries, so receivers can de-duplicate. */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  organizationId: string;
  data: Record<string, unknown>;
}
