import http from 'node:http';
import https from 'node:https';
import {
  db as defaultDb,
  member,
  organization,
  user,
  webhookDelivery,
  webhookEndpoint,
  type Database,
  type Executor,
} from '@kit/database';
import { enqueueEmail, webhookDisabledEmail } from '@kit/email';
import { organizationRuntime } from '@kit/organization';
import { and, asc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { Webhook } from 'standardwebhooks';
import { setWebhookWake } from './endpoints';
import { openSecret } from './secret';
import type { WebhookSettings } from './settings';
import { sweepExpiredInvitations } from './sweep';

/** The part of a response body kept in the delivery log. */
export const RESPONSE_SNIPPET_BYTES = 1024;
/** A claimed delivery stays reserved this long; well above the request timeout. */
const LEASE_MS = 60_000;

export interface WebhookDeliveryReport {
  delivered: number;
  /** Failed this time, scheduled again. */
  retried: number;
  /** Failed for good (out of attempts). */
  failed: number;
  /** Endpoints disabled after failing for WEBHOOK_DISABLE_AFTER_DAYS. */
  disabled: number;
}

export interface WebhookDeliveryOptions {
  settings: WebhookSettings;
  /** Deliveries claimed per round. */
  limit?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Another connection to the same database (tests that play two processes). */
  database?: Database;
}

type DeliveryRow = typeof webhookDelivery.$inferSelect;
type Claimed = DeliveryRow & { url: string; sealedSecret: string };

const fromNow = (ms: number): SQL<Date> =>
  sql`now() + ${Math.max(0, Math.round(ms))}::bigint * interval '1 millisecond'`;

const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/**
 * Claims due deliveries of enabled endpoints in one short transaction (FOR UPDATE SKIP LOCKED,
 * so two processes never take the same row) and marks them 'sending' under a lease: a worker
 * that dies mid-request leaves them to be claimed again after it.
 */
async function claim(database: Database, limit: number): Promise<Claimed[]> {
  return database.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDelivery.id })
      .from(webhookDelivery)
      .innerJoin(webhookEndpoint, eq(webhookEndpoint.id, webhookDelivery.endpointId))
      .where(
        and(
          eq(webhookEndpoint.status, 'enabled'),
          or(
            and(
              eq(webhookDelivery.status, 'pending'),
              lte(webhookDelivery.nextAttemptAt, sql`now()`),
            ),
            and(
              eq(webhookDelivery.status, 'sending'),
              lte(webhookDelivery.lockedUntil, sql`now()`),
            ),
          ),
        ),
      )
      .orderBy(asc(webhookDelivery.nextAttemptAt))
      .limit(limit)
      .for('update', { of: webhookDelivery, skipLocked: true });
    if (due.length === 0) return [];
    const claimed = await tx
      .update(webhookDelivery)
      .set({
        status: 'sending',
        attempts: sql`${webhookDelivery.attempts} + 1`,
        lockedUntil: fromNow(LEASE_MS),
        lastAttemptAt: sql`now()`,
      })
      .where(
        inArray(
          webhookDelivery.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    const endpoints = await tx
      .select({ id: webhookEndpoint.id, url: webhookEndpoint.url, secret: webhookEndpoint.secret })
      .from(webhookEndpoint)
      .where(inArray(webhookEndpoint.id, [...new Set(claimed.map((d) => d.endpointId))]));
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    return claimed.map((d) => ({
      ...d,
      url: byId.get(d.endpointId)!.url,
      sealedSecret: byId.get(d.endpointId)!.secret,
    }));
  });
}

interface Outcome {
  ok: boolean;
  status: number | null;
  body: string | null;
  error: string | null;
}

const agents = new WeakMap<WebhookSettings, { http: http.Agent; https: https.Agent }>();

/**
 * Agents that check every address they connect to (request-filtering-agent): the address
 * checked is the one connected to, so a name that resolves differently later (DNS rebinding)
 * cannot reach a private address.
 */
function agentsFor(settings: WebhookSettings) {
  let pair = agents.get(settings);
  if (!pair) {
    const filter = {
      allowPrivateIPAddress: settings.allowPrivateUrls,
      allowMetaIPAddress: false,
      keepAlive: false,
    };
    pair = {
      http: new RequestFilteringHttpAgent(filter),
      https: new RequestFilteringHttpsAgent(filter),
    };
    agents.set(settings, pair);
  }
  return pair;
}

/** One POST: no redirects followed, the whole exchange bounded by the timeout. */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  settings: WebhookSettings,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, status: null, body: null, error: 'The endpoint URL is not valid.' });
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && !(settings.allowPrivateUrls && target.protocol === 'http:')) {
      resolve({ ok: false, status: null, body: null, error: 'Only https:// URLs are allowed.' });
      return;
    }
    const pair = agentsFor(settings);
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = (secure ? https : http).request(target, {
      method: 'POST',
      agent: secure ? pair.https : pair.http,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'kit-webhooks/1',
      },
      ...(settings.lookup ? { lookup: settings.lookup } : {}),
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`No response within ${settings.timeoutMs} ms.`));
    }, settings.timeoutMs);
    request.on('error', (error) =>
      done({ ok: false, status: null, body: null, error: error.message.slice(0, 500) }),
    );
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_SNIPPET_BYTES) chunks.push(chunk);
        size += chunk.length;
        // Enough read: the rest of a large body is not waited for.
        if (size > 64 * 1024) response.destroy();
      });
      const finish = () => {
        const snippet = Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES).toString('utf8');
        const ok = status >= 200 && status < 300;
        const location = response.headers.location;
        done({
          ok,
          status,
          body: snippet,
          error: ok
            ? null
            : status >= 300 && status < 400
              ? `HTTP ${status}: redirects are not followed${location ? ` (Location: ${String(location).slice(0, 300)})` : ''}.`
              : `HTTP ${status}`,
        });
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
    });
    request.end(body);
  });
}

/** The Standard Webhooks headers for one attempt: the id stays, the timestamp is now. */
export function signedHeaders(
  secret: string,
  eventId: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, now, body),
  };
}

async function attempt(delivery: Claimed, settings: WebhookSettings): Promise<Outcome> {
  let secret: string;
  try {
    secret = openSecret(delivery.sealedSecret, settings.appSecret, delivery.endpointId);
  } catch (error) {
    return { ok: false, status: null, body: null, error: (error as Error).message };
  }
  const body = JSON.stringify(delivery.payload);
  return postWebhook(delivery.url, body, signedHeaders(secret, delivery.eventId, body), settings);
}

async function recordOutcome(
  database: Database,
  delivery: Claimed,
  outcome: Outcome,
  settings: WebhookSettings,
  report: WebhookDeliveryReport,
): Promise<void> {
  const response = { responseStatus: outcome.status, responseBody: outcome.body };
  if (outcome.ok) {
    await database
      .update(webhookDelivery)
      .set({
        ...response,
        status: 'delivered',
        deliveredAt: sql`now()`,
        lockedUntil: null,
        lastError: null,
      })
      .where(and(eq(webhookDelivery.id, delivery.id), eq(webhookDelivery.status, 'sending')));
    await database
      .update(webhookEndpoint)
      .set({ failingSince: null })
      .where(eq(webhookEndpoint.id, delivery.endpointId));
    report.delivered++;
    return;
  }
  const schedule = settings.retryScheduleMs;
  const failed = delivery.attempts > schedule.length;
  const delay = failed ? 0 : jitter(schedule[delivery.attempts - 1]!);
  await database.transaction(async (tx) => {
    await tx
      .update(webhookDelivery)
      .set({
        ...response,
        status: failed ? 'failed' : 'pending',
        lockedUntil: null,
        lastError: outcome.error,
        nextAttemptAt: fromNow(delay),
      })
      .where(and(eq(webhookDelivery.id, delivery.id), eq(webhookDelivery.status, 'sending')));
    await tx
      .update(webhookEndpoint)
      .set({ failingSince: sql`coalesce(${webhookEndpoint.failingSince}, now())` })
      .where(eq(webhookEndpoint.id, delivery.endpointId));
    if (await disableIfFailingTooLong(tx, delivery.endpointId, outcome.error, settings))
      report.disabled++;
  });
  if (failed) report.failed++;
  else report.retried++;
}

/**
 * An endpoint whose deliveries have all failed for `disableAfterDays` is disabled, and the
 * organization's owners are told by email (queued in the same transaction).
 */
async function disableIfFailingTooLong(
  tx: Executor,
  endpointId: string,
  lastError: string | null,
  settings: WebhookSettings,
): Promise<boolean> {
  const days = settings.disableAfterDays;
  const [disabled] = await tx
    .update(webhookEndpoint)
    .set({
      status: 'disabled',
      disabledReason: `Every delivery failed for ${days} ${days === 1 ? 'day' : 'days'}.`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(webhookEndpoint.id, endpointId),
        eq(webhookEndpoint.status, 'enabled'),
        lte(
          webhookEndpoint.failingSince,
          sql`now() - ${days * 86_400}::double precision * interval '1 second'`,
        ),
      ),
    )
    .returning();
  if (!disabled) return false;
  await emailOwnersEndpointDisabled(tx, disabled, lastError, days);
  return true;
}

/** The "endpoint disabled" email, one per owner of the organization. */
async function emailOwnersEndpointDisabled(
  tx: Executor,
  endpoint: typeof webhookEndpoint.$inferSelect,
  lastError: string | null,
  days: number,
): Promise<void> {
  const runtime = organizationRuntime();
  const owners = await tx
    .select({
      name: user.name,
      email: user.email,
      orgName: organization.name,
      slug: organization.slug,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(
      and(eq(member.organizationId, endpoint.organizationId), eq(member.role, runtime.roles.owner)),
    );
  for (const owner of owners) {
    const content = await webhookDisabledEmail({
      productName: runtime.appName,
      organizationName: owner.orgName,
      recipientName: owner.name,
      endpointUrl: endpoint.url,
      failingDays: days,
      lastError,
      url: `${runtime.appUrl}/orgs/${owner.slug}/webhooks/${endpoint.id}`,
    });
    await enqueueEmail(tx, {
      ...content,
      to: owner.email,
      organizationId: endpoint.organizationId,
    });
  }
}

async function inPool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * One round: claims due deliveries, POSTs each (signed, at most `concurrency` at once) and
 * records the outcome: delivered; scheduled again after the next delay of the retry schedule
 * (with jitter); or failed once the schedule is used up.
 */
export async function deliverDueWebhooks(
  options: WebhookDeliveryOptions,
): Promise<WebhookDeliveryReport> {
  const database = options.database ?? defaultDb;
  const report: WebhookDeliveryReport = { delivered: 0, retried: 0, failed: 0, disabled: 0 };
  const claimed = await claim(database, options.limit ?? 50);
  await inPool(claimed, options.concurrency ?? 8, async (delivery) => {
    const outcome = await attempt(delivery, options.settings);
    await recordOutcome(database, delivery, outcome, options.settings, report);
  });
  return report;
}

/** Delivers until nothing is due now (tests, CLI). Runs the expiry sweep first. */
export async function drainWebhooks(
  options: WebhookDeliveryOptions,
): Promise<WebhookDeliveryReport> {
  await sweepExpiredInvitations(options.database);
  const total: WebhookDeliveryReport = { delivered: 0, retried: 0, failed: 0, disabled: 0 };
  for (;;) {
    const report = await deliverDueWebhooks(options);
    total.delivered += report.delivered;
    total.retried += report.retried;
    total.failed += report.failed;
    total.disabled += report.disabled;
    if (report.delivered + report.retried + report.failed === 0) return total;
  }
}

export interface WebhookWorker {
  stop(): Promise<void>;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * The delivery loop of one process: polls for due deliveries (written by any process), wakes
 * when this process asks for a retry, and about once a minute announces expired invitations.
 */
export function startWebhookWorker(
  options: WebhookDeliveryOptions & { pollMs?: number },
): WebhookWorker {
  const { pollMs = 1000, ...delivery } = options;
  let running = true;
  let sweptAt = 0;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();

  const tick = () => {
    if (!running || busy) return;
    busy = true;
    clearTimeout(timer);
    const sweep = Date.now() - sweptAt >= SWEEP_EVERY_MS;
    if (sweep) sweptAt = Date.now();
    current = (sweep ? sweepExpiredInvitations(delivery.database) : Promise.resolve())
      .then(() => deliverDueWebhooks(delivery))
      .then((report) => report.delivered + report.retried + report.failed > 0)
      .catch((error) => {
        console.error('[webhooks] delivery loop error', error);
        return false;
      })
      .then((more) => {
        busy = false;
        if (running) timer = setTimeout(tick, more ? 0 : pollMs);
      });
  };
  setWebhookWake(tick);
  tick();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      setWebhookWake(undefined);
      await current;
    },
  };
}
