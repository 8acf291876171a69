import { createHash, randomUUID } from 'node:crypto';
import {
  db as defaultDb,
  emailOutbox,
  organization,
  rowsOf,
  type Database,
  type Executor,
} from '@kit/database';
import {
  and,
  asc,
  eq,
  inArray,
  lte,
  notInArray,
  notLike,
  like,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { emailEnv } from './env';
import { getTransport } from './mailer';
import { openBody, sealBody, SealedBodyError } from './sealed-body';
import {
  EmailDeliveryError,
  type EmailMessage,
  type EmailTransport,
  type OutgoingEmail,
  type SentEmail,
} from './types';

export interface QueuedEmail extends EmailMessage {
  /** Shows this message's delivery status on the invitation. */
  invitationId?: string;
  /** The organization the message is about: deleting it cancels the message if still queued. */
  organizationId?: string;
  /** Defaults to a new random key; pass one to make the enqueue itself idempotent. */
  idempotencyKey?: string;
}

/**
 * Messages queued together share a group of up to 100 (a bulk import's invitations): where the
 * transport can, a group goes out as one batch request. The group is part of each message's
 * idempotency key (`batch-<uuid>~<n>`), so a retry sends exactly the same batch again.
 */
export const BATCH_GROUP_SIZE = 100;
const GROUP_PREFIX = 'batch-';
const GROUPED_KEY = /^(batch-[0-9a-f-]{36})~(\d{1,3})$/;

/** The batch group of an idempotency key, or null for a message sent on its own. */
export const groupOf = (idempotencyKey: string): string | null =>
  GROUPED_KEY.exec(idempotencyKey)?.[1] ?? null;

const membersOf = (group: string) =>
  Array.from({ length: BATCH_GROUP_SIZE }, (_, n) => `${group}~${n}`);

/**
 * Records messages to send. Call it with the transaction that makes the change the email is
 * about: if that commits, the message will be delivered; if it rolls back, it never existed.
 */
export async function enqueueEmails(exec: Executor, messages: QueuedEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const { from, secret } = emailEnv();
  let group = '';
  let position = 0;
  const rows = messages.map((m) => {
    let idempotencyKey = m.idempotencyKey;
    if (!idempotencyKey && messages.length === 1) idempotencyKey = randomUUID();
    if (!idempotencyKey) {
      if (position % BATCH_GROUP_SIZE === 0) group = `${GROUP_PREFIX}${randomUUID()}`;
      idempotencyKey = `${group}~${position % BATCH_GROUP_SIZE}`;
      position++;
    }
    const id = randomUUID();
    const to = m.to.trim().toLowerCase();
    return {
      id,
      idempotencyKey,
      to,
      from: m.from ?? from,
      subject: m.subject,
      body: sealBody({ html: m.html, text: m.text }, secret, sealedFor({ id, to })),
      invitationId: m.invitationId,
      organizationId: m.organizationId,
    };
  });
  // Chunked to stay far below Postgres' 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 1000) {
    await exec
      .insert(emailOutbox)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
  }
  notifyQueued();
  return rows.map((r) => r.id);
}

/** What a sealed body is bound to: moved to another row or recipient, it no longer opens. */
const sealedFor = (row: { id: string; to: string }) => `email_outbox:${row.id}:${row.to}`;

export const enqueueEmail = async (exec: Executor, message: QueuedEmail): Promise<string> =>
  (await enqueueEmails(exec, [message]))[0]!;

export interface DeliveryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 after n failures (without jitter). */
  backoffMs(attempts: number): number;
  /**
   * How long a claimed message stays reserved for its worker. A worker that dies mid-send
   * leaves it in 'sending'; after the lease another worker sends it again, with the same
   * idempotency key. Keep it well above the transport's request timeout.
   */
  leaseMs: number;
}

/**
 * 12 attempts over about 2.4 hours (5 s, 10 s, 20 s, … then hourly): a provider outage of that
 * length delays mail without failing it, well inside Resend's 24-hour idempotency window.
 */
export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 12,
  backoffMs: (attempts) => Math.min(5_000 * 2 ** (attempts - 1), 60 * 60_000),
  leaseMs: 60_000,
};

export interface DeliveryReport {
  sent: number;
  /** Failed this time, queued again for later. */
  retried: number;
  /** Failed for good: not retryable, or out of attempts. */
  failed: number;
  /** Claimed but not tried (the provider was failing or rate limiting): back in the queue, no attempt used. */
  deferred: number;
  /** Not sent because the organization they were about no longer exists. */
  canceled: number;
}

export interface DeliveryOptions {
  /** Messages sent on their own, per claim. */
  limit?: number;
  /** Batch groups (up to 100 messages each), per claim. */
  groupLimit?: number;
  transport?: EmailTransport;
  policy?: DeliveryPolicy;
  /** Another connection to the same database (tests that play two processes). */
  database?: Database;
}

type OutboxRow = typeof emailOutbox.$inferSelect;

const isDue = () =>
  or(
    and(eq(emailOutbox.status, 'queued'), lte(emailOutbox.nextAttemptAt, sql`now()`)),
    and(eq(emailOutbox.status, 'sending'), lte(emailOutbox.lockedUntil, sql`now()`)),
  );

/** A Retry-After far in the future is capped (and fits the integer below). */
const MAX_DELAY_MS = 24 * 60 * 60_000;

/** A point in time on the database's clock, which is the one due-ness is judged by. */
const fromNow = (ms: number): SQL<Date> =>
  sql`now() + ${Math.min(Math.max(0, Math.round(ms)), MAX_DELAY_MS)}::integer * interval '1 millisecond'`;

// Namespace of the advisory locks taken per batch group while claiming it (two-key form).
const GROUP_LOCK_NAMESPACE = 7_240_815;

/**
 * Claims due messages in one short transaction and marks them 'sending' under a lease.
 * Messages of their own: FOR UPDATE SKIP LOCKED, so two processes never take the same row.
 * Batch groups: whole or not at all (a retry must send the same batch under the same key), so
 * the claimer first takes the group's advisory lock (skipping the group if another process
 * holds it), then all of its due rows.
 */
async function claim(
  database: Database,
  options: Required<Pick<DeliveryOptions, 'limit' | 'groupLimit'>>,
  policy: DeliveryPolicy,
) {
  return database.transaction(async (tx) => {
    const singles = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(isDue(), notLike(emailOutbox.idempotencyKey, `${GROUP_PREFIX}%~%`)))
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(options.limit)
      .for('update', { skipLocked: true });
    const ids = singles.map((row) => row.id);

    const candidates = await tx
      .select({ key: emailOutbox.idempotencyKey })
      .from(emailOutbox)
      .where(and(isDue(), like(emailOutbox.idempotencyKey, `${GROUP_PREFIX}%~%`)))
      .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.idempotencyKey))
      .limit(options.groupLimit * BATCH_GROUP_SIZE);
    const groups = [
      ...new Set(candidates.map((row) => groupOf(row.key)).filter((g): g is string => g !== null)),
    ];
    let claimedGroups = 0;
    for (const group of groups) {
      if (claimedGroups >= options.groupLimit) break;
      const [lock] = rowsOf<{ locked: boolean }>(
        await tx.execute(
          sql`select pg_try_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}, hashtext(${group})) as locked`,
        ),
      );
      if (!lock?.locked) continue;
      // Only a holder of the group's lock takes its rows, so this waits for nobody for long.
      const members = await tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(inArray(emailOutbox.idempotencyKey, membersOf(group)), isDue()))
        .for('update');
      if (members.length === 0) continue;
      ids.push(...members.map((row) => row.id));
      claimedGroups++;
    }
    if (ids.length === 0) return { claimed: [], canceled: 0 };
    // Deleting an organization cancels its queued mail; this catches any that slipped past.
    const orphaned = await tx
      .update(emailOutbox)
      .set(canceledBy(ORGANIZATION_DELETED))
      .where(
        and(
          inArray(emailOutbox.id, ids),
          sql`${emailOutbox.organizationId} is not null`,
          sql`not exists (select 1 from ${organization} where ${organization.id} = ${emailOutbox.organizationId})`,
        ),
      )
      .returning({ id: emailOutbox.id });
    const gone = new Set(orphaned.map((row) => row.id));
    const live = ids.filter((id) => !gone.has(id));
    if (live.length === 0) return { claimed: [], canceled: gone.size };
    const claimed = await tx
      .update(emailOutbox)
      .set({
        status: 'sending',
        attempts: sql`${emailOutbox.attempts} + 1`,
        lockedUntil: fromNow(policy.leaseMs),
      })
      .where(inArray(emailOutbox.id, live))
      .returning();
    return { claimed, canceled: gone.size };
  });
}

/** One request to the provider: a message on its own, or a batch group. */
interface Unit {
  messages: ReadyMessage[];
  batchKey?: string;
}

function unitsOf(claimed: ReadyMessage[], transport: EmailTransport): Unit[] {
  if (!transport.sendBatch) return claimed.map((message) => ({ messages: [message] }));
  const units: Unit[] = [];
  const groups = new Map<string, ReadyMessage[]>();
  for (const message of claimed) {
    const group = groupOf(message.idempotencyKey);
    if (!group) units.push({ messages: [message] });
    else groups.set(group, [...(groups.get(group) ?? []), message]);
  }
  const size = Math.min(transport.maxBatchSize ?? BATCH_GROUP_SIZE, BATCH_GROUP_SIZE);
  for (const members of groups.values()) {
    members.sort((a, b) =>
      a.idempotencyKey.localeCompare(b.idempotencyKey, 'en', { numeric: true }),
    );
    for (let i = 0; i < members.length; i += size) {
      const messages = members.slice(i, i + size);
      units.push({
        messages,
        batchKey: batchIdempotencyKey(messages.map((m) => m.idempotencyKey)),
      });
    }
  }
  return units;
}

/** The key of a batch request: the same messages always make the same key. */
export function batchIdempotencyKey(messageKeys: string[]): string {
  const digest = createHash('sha256')
    .update([...messageKeys].sort().join('\n'))
    .digest('hex');
  return `batch/${digest}`;
}

/** A claimed message with its body opened, ready for the transport. */
interface ReadyMessage extends OutboxRow {
  html: string;
  text: string;
}

/**
 * Opens each claimed body. One that does not open (sealed under another app secret, altered,
 * or already purged) is never sent garbled: it fails at once with the reason.
 */
function openClaimed(claimed: OutboxRow[], secret: string) {
  const ready: ReadyMessage[] = [];
  const unreadable: Array<{ message: OutboxRow; error: EmailDeliveryError }> = [];
  for (const message of claimed) {
    try {
      if (message.body === null) throw new SealedBodyError('The message body was purged.');
      ready.push({ ...message, ...openBody(message.body, secret, sealedFor(message)) });
    } catch (error) {
      if (!(error instanceof SealedBodyError)) throw error;
      unreadable.push({
        message,
        error: new EmailDeliveryError(error.message, 'outbox', { retryable: false }),
      });
    }
  }
  return { ready, unreadable };
}

const outgoing = (message: ReadyMessage): OutgoingEmail => ({
  to: message.to,
  from: message.from,
  subject: message.subject,
  html: message.html,
  text: message.text,
  idempotencyKey: message.idempotencyKey,
});

/**
 * Claims due messages, sends each (or each batch group, where the transport has batches) with
 * its idempotency key, and records the outcome: sent; queued again with exponential backoff
 * (or the provider's Retry-After); or failed once out of attempts or not retryable. When a
 * whole request fails for a reason that will hit the next one too (the provider is down or
 * rate limiting), the rest of the claim goes back to the queue without using an attempt.
 */
export async function deliverDueEmails(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const policy = options.policy ?? defaultDeliveryPolicy;
  const transport = options.transport ?? getTransport();
  const database = options.database ?? defaultDb;
  const { secret, bodyRetentionHours } = emailEnv();
  const retention = bodyRetention(bodyRetentionHours);
  const { claimed, canceled } = await claim(
    database,
    { limit: options.limit ?? 50, groupLimit: options.groupLimit ?? 5 },
    policy,
  );
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0, canceled };
  if (claimed.length === 0) return report;

  const { ready, unreadable } = openClaimed(claimed, secret);
  for (const { message, error } of unreadable)
    await recordFailure(database, [message], error, policy, report, retention);
  const units = unitsOf(ready, transport);
  for (const [position, unit] of units.entries()) {
    let outcomes: Array<SentEmail | EmailDeliveryError>;
    try {
      outcomes =
        unit.batchKey && transport.sendBatch
          ? await transport.sendBatch(unit.messages.map(outgoing), {
              idempotencyKey: unit.batchKey,
            })
          : [await transport.send(outgoing(unit.messages[0]!))];
    } catch (error) {
      const failure = asDeliveryError(error, transport.name);
      await recordFailure(database, unit.messages, failure, policy, report, retention);
      if (failure.retryable) {
        // The next request would most likely fail the same way: stop here, keep the attempts.
        const rest = units.slice(position + 1).flatMap((u) => u.messages);
        await defer(database, rest, failure.retryAfterMs ?? jitter(policy.backoffMs(1)), report);
        break;
      }
      continue;
    }
    const sent: Array<{ id: string; providerMessageId: string }> = [];
    for (const [index, outcome] of outcomes.entries()) {
      const message = unit.messages[index]!;
      if (outcome instanceof EmailDeliveryError)
        await recordFailure(database, [message], outcome, policy, report, retention);
      else sent.push({ id: message.id, providerMessageId: outcome.id });
    }
    await recordSent(database, sent, retention);
    report.sent += sent.length;
  }
  return report;
}

function asDeliveryError(error: unknown, transport: string): EmailDeliveryError {
  if (error instanceof EmailDeliveryError) return error;
  return new EmailDeliveryError(error instanceof Error ? error.message : String(error), transport, {
    cause: error,
  });
}

const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/** What a message's body becomes once the message is sent, failed or canceled. */
interface BodyRetention {
  body: SQL<string | null>;
  purgeAt: SQL<Date>;
}

function bodyRetention(hours: number): BodyRetention {
  if (hours === 0) return { body: sql`null`, purgeAt: sql`now()` };
  return {
    body: sql`${emailOutbox.body}`,
    purgeAt: sql`now() + ${hours}::integer * interval '1 hour'`,
  };
}

/**
 * Drops the bodies whose retention (EMAIL_BODY_RETENTION_HOURS) ran out; the rest of each row,
 * the record of what was sent to whom, stays. The worker runs it about once a minute.
 */
export async function purgeExpiredEmailBodies(database: Database = defaultDb): Promise<void> {
  await database
    .update(emailOutbox)
    .set({ body: null })
    .where(and(sql`${emailOutbox.body} is not null`, lte(emailOutbox.bodyPurgeAt, sql`now()`)));
}

const ORGANIZATION_DELETED = 'Canceled: the organization was deleted before this message was sent.';

const canceledBy = (reason: string) => ({
  status: 'canceled',
  lockedUntil: null,
  lastError: reason,
  body: null,
  bodyPurgeAt: sql`now()`,
});

/**
 * Cancels the organization's messages that have not gone out yet. Call it in the transaction
 * that deletes the organization; a message already handed to the provider stays as it is.
 */
export async function cancelOrganizationEmails(
  exec: Executor,
  organizationId: string,
): Promise<number> {
  const canceled = await exec
    .update(emailOutbox)
    .set(canceledBy(ORGANIZATION_DELETED))
    .where(
      and(
        eq(emailOutbox.organizationId, organizationId),
        inArray(emailOutbox.status, ['queued', 'sending']),
      ),
    )
    .returning({ id: emailOutbox.id });
  return canceled.length;
}

async function recordSent(
  database: Database,
  sent: Array<{ id: string; providerMessageId: string }>,
  retention: BodyRetention,
) {
  if (sent.length === 0) return;
  const values = sql.join(
    sent.map((s) => sql`(${s.id}, ${s.providerMessageId})`),
    sql`, `,
  );
  await database.execute(sql`
    update ${emailOutbox} set
      status = 'sent', sent_at = now(), provider_message_id = v.provider_id, locked_until = null, last_error = null,
      body = ${retention.body}, body_purge_at = ${retention.purgeAt}
    from (values ${values}) as v(id, provider_id)
    where ${emailOutbox.id} = v.id`);
}

async function recordFailure(
  database: Database,
  messages: OutboxRow[],
  error: EmailDeliveryError,
  policy: DeliveryPolicy,
  report: DeliveryReport,
  retention: BodyRetention,
) {
  // The messages of one request share their attempts (they were claimed together).
  const attempts = Math.max(...messages.map((m) => m.attempts));
  const failed = !error.retryable || attempts >= policy.maxAttempts;
  const delay = Math.max(error.retryAfterMs ?? 0, jitter(policy.backoffMs(attempts)));
  await database
    .update(emailOutbox)
    .set({
      status: failed ? 'failed' : 'queued',
      lastError: describe(error),
      lockedUntil: null,
      nextAttemptAt: fromNow(delay),
      ...(failed ? { body: retention.body, bodyPurgeAt: retention.purgeAt } : {}),
    })
    // A worker whose lease ran out must not undo the delivery of the one that took over, nor
    // bring back a message canceled meanwhile.
    .where(
      and(
        inArray(
          emailOutbox.id,
          messages.map((m) => m.id),
        ),
        notInArray(emailOutbox.status, ['sent', 'canceled']),
      ),
    );
  if (failed) {
    report.failed += messages.length;
    for (const m of messages)
      console.error(`[email] giving up on message ${m.id} to ${m.to}: ${describe(error)}`);
  } else {
    report.retried += messages.length;
  }
}

async function defer(
  database: Database,
  messages: OutboxRow[],
  delayMs: number,
  report: DeliveryReport,
) {
  if (messages.length === 0) return;
  await database
    .update(emailOutbox)
    .set({
      status: 'queued',
      attempts: sql`greatest(${emailOutbox.attempts} - 1, 0)`,
      lockedUntil: null,
      nextAttemptAt: fromNow(delayMs),
    })
    .where(
      and(
        inArray(
          emailOutbox.id,
          messages.map((m) => m.id),
        ),
        eq(emailOutbox.status, 'sending'),
      ),
    );
  report.deferred += messages.length;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Delivers until nothing is due now (tests, CLI). */
export async function drainOutbox(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  await purgeExpiredEmailBodies(options.database);
  const total: DeliveryReport = { sent: 0, retried: 0, failed: 0, deferred: 0, canceled: 0 };
  for (;;) {
    const report = await deliverDueEmails(options);
    total.sent += report.sent;
    total.retried += report.retried;
    total.failed += report.failed;
    total.deferred += report.deferred;
    total.canceled += report.canceled;
    if (report.sent + report.retried + report.failed + report.deferred + report.canceled === 0)
      return total;
  }
}

let wake: (() => void) | undefined;

const PURGE_EVERY_MS = 60_000;

function notifyQueued(): void {
  // Let the transaction that enqueued commit first; then the in-process worker picks it up.
  if (wake) setTimeout(wake, 10).unref?.();
}

export interface EmailWorker {
  stop(): Promise<void>;
}

/**
 * The delivery loop of one process: wakes when this process enqueues, and polls for work
 * enqueued elsewhere (another API process, the CLI) and for retries that fall due.
 */
export function startEmailWorker(
  options: { pollMs?: number } & Omit<DeliveryOptions, 'database'> = {},
): EmailWorker {
  const { pollMs = 1000, ...delivery } = options;
  let running = true;
  let purgedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;

  const tick = () => {
    if (!running || busy) return;
    busy = true;
    clearTimeout(timer);
    const purge = Date.now() - purgedAt >= PURGE_EVERY_MS;
    if (purge) purgedAt = Date.now();
    current = (purge ? purgeExpiredEmailBodies() : Promise.resolve())
      .then(() => deliverDueEmails(delivery))
      .then((report) => report.sent + report.retried + report.failed + report.canceled > 0)
      .catch((error) => {
        console.error('[email] delivery loop error', error);
        return false;
      })
      .then((more) => {
        busy = false;
        if (running) timer = setTimeout(tick, more ? 0 : pollMs);
      });
  };
  wake = tick;
  tick();
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      if (wake === tick) wake = undefined;
      await current;
    },
  };
}

export interface DeliveryStatus {
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'canceled';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** The latest message's delivery status for each invitation id. */
export async function invitationDeliveryStatus(
  invitationIds: string[],
): Promise<Map<string, DeliveryStatus>> {
  const result = new Map<string, DeliveryStatus>();
  if (invitationIds.length === 0) return result;
  const rows = await defaultDb
    .select({
      invitationId: emailOutbox.invitationId,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.invitationId, invitationIds))
    .orderBy(asc(emailOutbox.createdAt));
  for (const row of rows) {
    result.set(row.invitationId!, {
      status: row.status as DeliveryStatus['status'],
      attempts: row.attempts,
      lastError: row.lastError,
      sentAt: row.sentAt?.toISOString() ?? null,
    });
  }
  return result;
}
