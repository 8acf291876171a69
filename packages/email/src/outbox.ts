import { randomUUID } from 'node:crypto';
import { db, emailOutbox, type Executor } from '@kit/database';
import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { emailEnv } from './env';
import { getTransport } from './mailer';
import { EmailDeliveryError, type EmailMessage, type EmailTransport } from './types';

export interface QueuedEmail extends EmailMessage {
  /** Shows this message's delivery status on the invitation. */
  invitationId?: string;
  /** Defaults to a new random key; pass one to make the enqueue itself idempotent. */
  idempotencyKey?: string;
}

/**
 * Records messages to send. Call it with the transaction that makes the change the email is
 * about: if that commits, the message will be delivered; if it rolls back, it never existed.
 */
export async function enqueueEmails(exec: Executor, messages: QueuedEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const from = emailEnv().from;
  const rows = messages.map((m) => ({
    id: randomUUID(),
    idempotencyKey: m.idempotencyKey ?? randomUUID(),
    to: m.to.trim().toLowerCase(),
    from: m.from ?? from,
    subject: m.subject,
    html: m.html,
    text: m.text,
    invitationId: m.invitationId,
  }));
  // Chunked to stay far below Postgres' 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 1000) {
    await exec.insert(emailOutbox).values(rows.slice(i, i + 1000)).onConflictDoNothing();
  }
  notifyQueued();
  return rows.map((r) => r.id);
}

export const enqueueEmail = async (exec: Executor, message: QueuedEmail): Promise<string> =>
  (await enqueueEmails(exec, [message]))[0]!;

export interface DeliveryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 after n failures (without jitter). */
  backoffMs(attempts: number): number;
  leaseMs: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 8,
  backoffMs: (attempts) => Math.min(5_000 * 2 ** (attempts - 1), 60 * 60_000),
  leaseMs: 60_000,
};

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED (so two processes never take the same row),
 * leases them, sends each with its idempotency key, and records the outcome. A message whose
 * lease runs out (its worker crashed mid-send) is claimed again and re-sent with the same key.
 */
export async function deliverDueEmails(
  options: { limit?: number; transport?: EmailTransport; policy?: DeliveryPolicy } = {},
): Promise<DeliveryReport> {
  const policy = options.policy ?? defaultDeliveryPolicy;
  const transport = options.transport ?? getTransport();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        or(
          and(eq(emailOutbox.status, 'queued'), lte(emailOutbox.nextAttemptAt, sql`now()`)),
          and(eq(emailOutbox.status, 'sending'), lte(emailOutbox.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(options.limit ?? 50)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        status: 'sending',
        attempts: sql`${emailOutbox.attempts} + 1`,
        lockedUntil: new Date(Date.now() + policy.leaseMs),
      })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning();
  });

  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const message of claimed) {
    try {
      const sent = await transport.send({
        to: message.to,
        from: message.from,
        subject: message.subject,
        html: message.html,
        text: message.text,
        idempotencyKey: message.idempotencyKey,
      });
      await db
        .update(emailOutbox)
        .set({ status: 'sent', sentAt: new Date(), providerMessageId: sent.id, lockedUntil: null, lastError: null })
        .where(eq(emailOutbox.id, message.id));
      report.sent++;
    } catch (error) {
      const retryable = !(error instanceof EmailDeliveryError) || error.retryable;
      const exhausted = message.attempts >= policy.maxAttempts;
      const failed = !retryable || exhausted;
      const delay = Math.max(
        (error instanceof EmailDeliveryError && error.retryAfterMs) || 0,
        policy.backoffMs(message.attempts) * (0.8 + Math.random() * 0.4),
      );
      await db
        .update(emailOutbox)
        .set({
          status: failed ? 'failed' : 'queued',
          lastError: describe(error),
          lockedUntil: null,
          nextAttemptAt: new Date(Date.now() + delay),
        })
        .where(eq(emailOutbox.id, message.id));
      if (failed) report.failed++;
      else report.retried++;
      if (failed) console.error(`[email] giving up on message ${message.id} to ${message.to}: ${describe(error)}`);
    }
  }
  return report;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Delivers until nothing is due now (tests, CLI). */
export async function drainOutbox(options: Parameters<typeof deliverDueEmails>[0] = {}): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const report = await deliverDueEmails(options);
    total.sent += report.sent;
    total.retried += report.retried;
    total.failed += report.failed;
    if (report.sent + report.retried + report.failed === 0) return total;
  }
}

let wake: (() => void) | undefined;

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
export function startEmailWorker(options: { pollMs?: number } = {}): EmailWorker {
  let running = true;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let busy = false;

  const tick = () => {
    if (!running || busy) return;
    busy = true;
    clearTimeout(timer);
    current = deliverDueEmails()
      .then((report) => report.sent + report.retried + report.failed > 0)
      .catch((error) => {
        console.error('[email] delivery loop error', error);
        return false;
      })
      .then((more) => {
        busy = false;
        if (running) timer = setTimeout(tick, more ? 0 : (options.pollMs ?? 1000));
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
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** The latest message's delivery status for each invitation id. */
export async function invitationDeliveryStatus(invitationIds: string[]): Promise<Map<string, DeliveryStatus>> {
  const result = new Map<string, DeliveryStatus>();
  if (invitationIds.length === 0) return result;
  const rows = await db
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
