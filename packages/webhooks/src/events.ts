/**
 * The events an endpoint can subscribe to. Each comes from the organization's activity log
 * (packages/database/drizzle, the webhook_events_from_activity trigger maps actions to these
 * types), so every way a change is made (web app, REST, bulk import, CLI, invite links, join
 * requests, verified domains) sends it.
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
  'join_request.created',
  'join_request.approved',
  'join_request.rejected',
  'join_request.withdrawn',
  'domain.verified',
  'domain.removed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How someone became a member: `data.source` of a `member.added` event. */
export const MEMBER_ADDED_SOURCES = [
  'invitation',
  'invite-link',
  'join-request',
  'domain',
] as const;

export type MemberAddedSource = (typeof MEMBER_ADDED_SOURCES)[number];

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
