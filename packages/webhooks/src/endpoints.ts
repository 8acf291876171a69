import { db, webhookDelivery, webhookEndpoint, type Executor } from '@kit/database';
import { requireAuthorized, type Actor } from '@kit/organization';
import { and, count, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { WebhookError } from './errors';
import { isWebhookEventType, type WebhookEventType } from './events';
import { newSigningSecret, sealSecret } from './secret';
import type { WebhookSettings } from './settings';
import { assertPublicDestination, parseWebhookUrl } from './url-guard';

/** Endpoints one organization may register. */
export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEventType[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  responseStatus: number | null;
  responseBody: string | null;
  lastError: string | null;
  payload: unknown;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliveryView[];
  nextCursor: string | null;
}

type EndpointRow = typeof webhookEndpoint.$inferSelect;
type DeliveryRow = typeof webhookDelivery.$inferSelect;

const MANAGE = { webhook: ['manage'] } as const;

export const viewOfWebhook = (row: EndpointRow): WebhookView => ({
  id: row.id,
  url: row.url,
  events: row.events.filter(isWebhookEventType),
  status: row.status === 'disabled' ? 'disabled' : 'enabled',
  disabledReason: row.disabledReason,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const viewOfDelivery = (row: DeliveryRow): WebhookDeliveryView => ({
  id: row.id,
  eventId: row.eventId,
  eventType: row.eventType,
  status: row.status as WebhookDeliveryView['status'],
  attempts: row.attempts,
  responseStatus: row.responseStatus,
  responseBody: row.responseBody,
  lastError: row.lastError,
  payload: row.payload,
  createdAt: row.createdAt.toISOString(),
  lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
  nextAttemptAt:
    row.status === 'pending' || row.status === 'sending' ? row.nextAttemptAt.toISOString() : null,
  deliveredAt: row.deliveredAt?.toISOString() ?? null,
});

function checkEvents(events: readonly string[]): WebhookEventType[] {
  const unknown = events.filter((e) => !isWebhookEventType(e));
  if (unknown.length)
    throw new WebhookError('UNKNOWN_WEBHOOK_EVENT', `Unknown event type: ${unknown.join(', ')}.`);
  return [...new Set(events)] as WebhookEventType[];
}

async function checkedUrl(raw: string, settings: WebhookSettings): Promise<string> {
  const url = parseWebhookUrl(raw.trim(), settings.allowPrivateUrls);
  await assertPublicDestination(url, settings);
  return url.toString();
}

async function findEndpoint(exec: Executor, organizationId: string, webhookId: string) {
  const [row] = await exec
    .select()
    .from(webhookEndpoint)
    .where(
      and(eq(webhookEndpoint.id, webhookId), eq(webhookEndpoint.organizationId, organizationId)),
    )
    .limit(1);
  if (!row) throw new WebhookError('WEBHOOK_NOT_FOUND', 'This webhook endpoint does not exist.');
  return row;
}

interface Scope {
  actor: Actor;
  organizationId: string;
}

/** Registers an endpoint; its signing secret is returned this once (and stored sealed). */
export async function createWebhook({
  actor,
  organizationId,
  input,
  settings,
}: Scope & { input: { url: string; events: string[] }; settings: WebhookSettings }): Promise<{
  webhook: WebhookView;
  secret: string;
}> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const events = checkEvents(input.events);
  const url = await checkedUrl(input.url, settings);
  return db.transaction(async (tx) => {
    // Serializes creations in this organization, so the cap holds under concurrency.
    await tx.execute(sql`select pg_advisory_xact_lock(7240816, hashtext(${organizationId}))`);
    const [existing] = await tx
      .select({ n: count() })
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.organizationId, organizationId));
    if ((existing?.n ?? 0) >= MAX_WEBHOOKS_PER_ORGANIZATION)
      throw new WebhookError(
        'WEBHOOK_LIMIT_REACHED',
        `An organization can have up to ${MAX_WEBHOOKS_PER_ORGANIZATION} webhook endpoints.`,
      );
    const id = randomUUID();
    const secret = newSigningSecret();
    const [row] = await tx
      .insert(webhookEndpoint)
      .values({
        id,
        organizationId,
        url,
        events,
        secret: sealSecret(secret, settings.appSecret, id),
        createdBy: actor.userId,
      })
      .returning();
    return { webhook: viewOfWebhook(row!), secret };
  });
}

export async function listWebhooks({ actor, organizationId }: Scope): Promise<WebhookView[]> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const rows = await db
    .select()
    .from(webhookEndpoint)
    .where(eq(webhookEndpoint.organizationId, organizationId))
    .orderBy(webhookEndpoint.createdAt, webhookEndpoint.id);
  return rows.map(viewOfWebhook);
}

/** Changes the URL, the events, or enables/disables an endpoint (enabling clears its failure record). */
export async function updateWebhook({
  actor,
  organizationId,
  webhookId,
  input,
  settings,
}: Scope & {
  webhookId: string;
  input: { url?: string; events?: string[]; status?: 'enabled' | 'disabled' };
  settings: WebhookSettings;
}): Promise<WebhookView> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const current = await findEndpoint(db, organizationId, webhookId);
  const events = input.events ? checkEvents(input.events) : undefined;
  const url = input.url !== undefined ? await checkedUrl(input.url, settings) : undefined;
  const statusChange =
    input.status && input.status !== current.status
      ? input.status === 'enabled'
        ? { status: 'enabled', disabledReason: null, failingSince: null }
        : { status: 'disabled', disabledReason: `Disabled by ${actor.name || actor.email}.` }
      : {};
  const [row] = await db
    .update(webhookEndpoint)
    .set({
      ...(url ? { url } : {}),
      ...(events ? { events } : {}),
      ...statusChange,
      updatedAt: new Date(),
    })
    .where(
      and(eq(webhookEndpoint.id, webhookId), eq(webhookEndpoint.organizationId, organizationId)),
    )
    .returning();
  if (!row) throw new WebhookError('WEBHOOK_NOT_FOUND', 'This webhook endpoint does not exist.');
  return viewOfWebhook(row);
}

/** Deletes an endpoint and its delivery log; nothing more is sent to it. */
export async function deleteWebhook({
  actor,
  organizationId,
  webhookId,
}: Scope & { webhookId: string }): Promise<void> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  const deleted = await db
    .delete(webhookEndpoint)
    .where(
      and(eq(webhookEndpoint.id, webhookId), eq(webhookEndpoint.organizationId, organizationId)),
    )
    .returning({ id: webhookEndpoint.id });
  if (deleted.length === 0)
    throw new WebhookError('WEBHOOK_NOT_FOUND', 'This webhook endpoint does not exist.');
}

const encodeCursor = (row: DeliveryRow) =>
  Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  const [iso = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return undefined;
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return { createdAt, id };
}

/** An endpoint's deliveries, newest first, keyset-paginated. */
export async function listWebhookDeliveries({
  actor,
  organizationId,
  webhookId,
  limit = 50,
  cursor,
}: Scope & { webhookId: string; limit?: number; cursor?: string }): Promise<WebhookDeliveryPage> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  await findEndpoint(db, organizationId, webhookId);
  const after = cursor ? decodeCursor(cursor) : undefined;
  if (cursor && !after) throw new WebhookError('VALIDATION_ERROR', 'Invalid cursor.');
  const rows = await db
    .select()
    .from(webhookDelivery)
    .where(
      and(
        eq(webhookDelivery.endpointId, webhookId),
        after
          ? or(
              lt(webhookDelivery.createdAt, after.createdAt),
              and(eq(webhookDelivery.createdAt, after.createdAt), lt(webhookDelivery.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDelivery.createdAt), desc(webhookDelivery.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    deliveries: page.map(viewOfDelivery),
    nextCursor: rows.length > limit && page.length ? encodeCursor(page.at(-1)!) : null,
  };
}

/** "Retry now": a delivery that failed, or waits for its next attempt, is due at once. */
export async function retryWebhookDelivery({
  actor,
  organizationId,
  webhookId,
  deliveryId,
}: Scope & { webhookId: string; deliveryId: string }): Promise<WebhookDeliveryView> {
  await requireAuthorized(db, organizationId, actor, MANAGE);
  await findEndpoint(db, organizationId, webhookId);
  const [row] = await db
    .select()
    .from(webhookDelivery)
    .where(and(eq(webhookDelivery.id, deliveryId), eq(webhookDelivery.endpointId, webhookId)))
    .limit(1);
  if (!row) throw new WebhookError('WEBHOOK_DELIVERY_NOT_FOUND', 'This delivery does not exist.');
  const [updated] = await db
    .update(webhookDelivery)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(
      and(
        eq(webhookDelivery.id, deliveryId),
        inArray(webhookDelivery.status, ['pending', 'failed', 'delivered']),
      ),
    )
    .returning();
  if (!updated)
    throw new WebhookError(
      'WEBHOOK_DELIVERY_IN_PROGRESS',
      'This delivery is being sent right now; its result appears in a moment.',
    );
  notifyWebhooksQueued();
  return viewOfDelivery(updated);
}

let wake: (() => void) | undefined;

/** Lets this process's worker pick up work at once (after the caller's transaction commits). */
export function notifyWebhooksQueued(): void {
  if (wake) setTimeout(wake, 10).unref?.();
}

export function setWebhookWake(fn: (() => void) | undefined): void {
  wake = fn;
}
