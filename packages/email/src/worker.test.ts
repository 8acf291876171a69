import { connectDatabase, currentConnection, db, emailOutbox } from '@kit/database';
import { asc } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  deliverDueEmails,
  EmailDeliveryError,
  enqueueEmail,
  enqueueEmails,
  startEmailWorker,
  type DeliveryPolicy,
  type EmailTransport,
  type OutgoingEmail,
  type QueuedEmail,
} from './index';

/** Retries within milliseconds. */
const fast: DeliveryPolicy = { maxAttempts: 20, backoffMs: () => 20, leaseMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const message = (to: string): QueuedEmail => ({
  to,
  subject: `Hello ${to}`,
  html: `<p>Hello ${to}</p>`,
  text: `Hello ${to}`,
});

const addresses = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

const queueEach = async (recipients: string[]) => {
  for (const to of recipients) await db.transaction((tx) => enqueueEmail(tx, message(to)));
};

const queueBulk = (recipients: string[]) =>
  db.transaction((tx) =>
    enqueueEmails(
      tx,
      recipients.map((to) => message(to)),
    ),
  );

const outbox = () => db.select().from(emailOutbox).orderBy(asc(emailOutbox.createdAt));

/**
 * A provider that answers after `delayMs`, counting the requests it is answering at once and
 * every message it is handed (by idempotency key). `fail` decides a message's attempt.
 */
function slowProvider(
  delayMs: number,
  fail: (message: OutgoingEmail, attempt: number) => boolean = () => false,
) {
  const handed = new Map<string, number>();
  const delivered = new Map<string, number>();
  const stats = { inFlight: 0, maxInFlight: 0 };
  const transport: EmailTransport = {
    name: 'resend',
    async send(m) {
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      const attempt = (handed.get(m.idempotencyKey) ?? 0) + 1;
      handed.set(m.idempotencyKey, attempt);
      try {
        await sleep(delayMs);
        if (fail(m, attempt)) throw new EmailDeliveryError('Temporarily unavailable', 'resend');
        delivered.set(m.to, (delivered.get(m.to) ?? 0) + 1);
        return { id: `sent-${m.idempotencyKey}` };
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { transport, stats, handed, delivered };
}

/** Waits until no message is queued or sending (the worker runs on its own). */
async function settled(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await outbox();
    if (rows.every((r) => r.status !== 'queued' && r.status !== 'sending')) return rows;
    if (Date.now() > deadline) throw new Error('the outbox did not settle');
    await sleep(20);
  }
}

beforeEach(async () => {
  await db.delete(emailOutbox);
});

describe('the delivery worker', () => {
  it('keeps several requests in flight, never more than its concurrency', async () => {
    const provider = slowProvider(40);
    const recipients = addresses('slow', 30);
    await queueEach(recipients);
    const worker = startEmailWorker({
      transport: provider.transport,
      policy: fast,
      concurrency: 4,
      pollMs: 20,
    });
    try {
      const rows = await settled();
      expect(rows.map((r) => r.status)).toEqual(Array(30).fill('sent'));
    } finally {
      await worker.stop();
    }
    expect(provider.stats.maxInFlight).toBeGreaterThan(1);
    expect(provider.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(Object.fromEntries(provider.delivered)).toEqual(
      Object.fromEntries(recipients.map((to) => [to, 1])),
    );
  });

  it('sends at most one request at a time with a concurrency of 1', async () => {
    const provider = slowProvider(10);
    await queueEach(addresses('one', 8));
    const worker = startEmailWorker({
      transport: provider.transport,
      policy: fast,
      concurrency: 1,
      pollMs: 20,
    });
    try {
      await settled();
    } finally {
      await worker.stop();
    }
    expect(provider.stats.maxInFlight).toBe(1);
    expect(provider.delivered.size).toBe(8);
  });

  it('retries failed messages until they are delivered, each once', async () => {
    // Every message fails its first attempt.
    const provider = slowProvider(5, (_m, attempt) => attempt === 1);
    const recipients = addresses('flaky', 12);
    await queueEach(recipients);
    const worker = startEmailWorker({
      transport: provider.transport,
      policy: fast,
      concurrency: 4,
      pollMs: 20,
    });
    try {
      const rows = await settled();
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(12).fill(['sent', 2]));
    } finally {
      await worker.stop();
    }
    expect([...provider.handed.values()]).toEqual(Array(12).fill(2));
    expect(Object.fromEntries(provider.delivered)).toEqual(
      Object.fromEntries(recipients.map((to) => [to, 1])),
    );
  });

  it('two workers on two connections (two processes) hand each message over once', async () => {
    const url = process.env.DATABASE_URL;
    // A second connection pool plays the second API process (PGlite has one connection only).
    const second =
      currentConnection().kind === 'postgres' && url ? connectDatabase({ url, poolSize: 4 }) : null;
    const provider = slowProvider(15);
    const singles = addresses('two-single', 60);
    const bulk = addresses('two-bulk', 140);
    await queueEach(singles);
    await queueBulk(bulk);
    const options = { transport: provider.transport, policy: fast, concurrency: 6, pollMs: 20 };
    const workers = [
      startEmailWorker(options),
      startEmailWorker({ ...options, database: second?.db }),
    ];
    try {
      const rows = await settled();
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await second?.close();
    }
    expect(provider.handed.size).toBe(200);
    expect([...provider.handed.values()].every((n) => n === 1)).toBe(true);
    expect(provider.delivered.size).toBe(200);
    expect(provider.stats.maxInFlight).toBeLessThanOrEqual(12);
  });

  it('stopping returns what was claimed but not started to the queue, without using an attempt', async () => {
    const provider = slowProvider(30);
    // One batch group of 50: with a transport without batches, 50 requests from one claim.
    await queueBulk(addresses('stop', 50));
    const worker = startEmailWorker({
      transport: provider.transport,
      policy: fast,
      concurrency: 2,
      pollMs: 20,
    });
    while (provider.delivered.size === 0) await sleep(5);
    await worker.stop();
    const rows = await outbox();
    const sent = rows.filter((r) => r.status === 'sent');
    const back = rows.filter((r) => r.status === 'queued');
    expect(sent.length + back.length).toBe(50);
    expect(back.length).toBeGreaterThan(0);
    expect(back.every((r) => r.attempts === 0 && r.lockedUntil === null)).toBe(true);
    expect(sent.length).toBe(provider.delivered.size);
  });
});

describe('one delivery round', () => {
  it('sends a claim with up to `concurrency` requests at once', async () => {
    const provider = slowProvider(30);
    await queueEach(addresses('round', 20));
    const report = await deliverDueEmails({
      transport: provider.transport,
      policy: fast,
      concurrency: 5,
    });
    expect(report).toMatchObject({ sent: 20, retried: 0, failed: 0 });
    expect(provider.stats.maxInFlight).toBeGreaterThan(1);
    expect(provider.stats.maxInFlight).toBeLessThanOrEqual(5);
  });
});
