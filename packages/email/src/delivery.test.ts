import { connectDatabase, currentConnection, db, emailOutbox, mailboxMessage } from '@kit/database';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverDueEmails,
  drainOutbox,
  enqueueEmail,
  enqueueEmails,
  invitationDeliveryStatus,
  mailboxTransport,
  resendTransport,
  type DeliveryOptions,
  type DeliveryPolicy,
  type EmailTransport,
  type QueuedEmail,
} from './index';
import { startFakeResend, type FakeResend } from './testing/fake-resend';

let fake: FakeResend;

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

beforeEach(async () => {
  fake.reset();
  await db.delete(emailOutbox);
});

/** Retries within milliseconds, so that a test plays hours of an outage in a moment. */
const fast: DeliveryPolicy = { maxAttempts: 20, backoffMs: () => 20, leaseMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const message = (to: string, extra: Partial<QueuedEmail> = {}): QueuedEmail => ({
  to,
  subject: `Hello ${to}`,
  html: `<p>Hello ${to}</p>`,
  text: `Hello ${to}`,
  ...extra,
});

/** One message per transaction, as single invitations and sign-ups queue them. */
const queueEach = async (addresses: string[]) => {
  for (const to of addresses) await db.transaction((tx) => enqueueEmail(tx, message(to)));
};

/** Many in one transaction, as a bulk import queues them (groups of up to 100). */
const queueBulk = (addresses: string[]) =>
  db.transaction((tx) =>
    enqueueEmails(
      tx,
      addresses.map((to) => message(to)),
    ),
  );

const addresses = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`);

const outbox = () =>
  db
    .select()
    .from(emailOutbox)
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.idempotencyKey));

/** Drains, waiting for retries to fall due, until every message is sent or failed. */
async function deliverEverything(options: DeliveryOptions, maxRounds = 300) {
  for (let round = 0; round < maxRounds; round++) {
    await drainOutbox(options);
    const pending = await db
      .select({ n: count() })
      .from(emailOutbox)
      .where(eq(emailOutbox.status, 'queued'));
    const sending = await db
      .select({ n: count() })
      .from(emailOutbox)
      .where(eq(emailOutbox.status, 'sending'));
    if (pending[0]!.n === 0 && sending[0]!.n === 0) return;
    await sleep(25);
  }
  throw new Error('the outbox did not empty');
}

function expectEachDeliveredOnce(recipients: string[]) {
  const counts = Object.fromEntries(recipients.map((to) => [to, fake.deliveriesTo(to).length]));
  expect(counts).toEqual(Object.fromEntries(recipients.map((to) => [to, 1])));
  expect(fake.emails).toHaveLength(recipients.length);
}

describe('outbox delivery through Resend', () => {
  it('sends what is queued together as batch requests of up to 100, the rest one by one, each with its key', async () => {
    await queueEach(['one@example.com', 'two@example.com']);
    const bulk = addresses('bulk', 250);
    await queueBulk(bulk);
    const report = await drainOutbox({ transport: resendTransport('re_test'), policy: fast });
    expect(report).toEqual({ sent: 252, retried: 0, failed: 0, deferred: 0, canceled: 0 });
    // Requests go out concurrently: their order is not part of the contract.
    const batches = fake.requests.filter((r) => r.path === '/emails/batch');
    expect(batches.map((r) => (r.body as unknown[]).length).sort((a, b) => b - a)).toEqual([
      100, 100, 50,
    ]);
    expect(new Set(batches.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(
      fake.requests
        .filter((r) => r.path === '/emails')
        .map((r) => r.idempotencyKey)
        .sort(),
    ).toEqual(
      (await outbox())
        .filter((r) => ['one@example.com', 'two@example.com'].includes(r.to))
        .map((r) => r.idempotencyKey)
        .sort(),
    );
    expectEachDeliveredOnce(['one@example.com', 'two@example.com', ...bulk]);
    const rows = await outbox();
    expect(
      rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt && r.providerMessageId),
    ).toBe(true);
    expect(new Set(rows.map((r) => r.providerMessageId)).size).toBe(252);
  });

  it('an outage (500s, then 429s with Retry-After, a lost answer, a hang) while messages keep coming: each delivered exactly once', async () => {
    const options: DeliveryOptions = {
      transport: resendTransport('re_test', { timeoutMs: 250 }),
      policy: fast,
    };
    const recipients: string[] = [];

    // The provider is down.
    fake.fail({ status: 500, message: 'Service unavailable' });
    recipients.push(...addresses('early', 3), ...addresses('import', 150));
    await queueEach(addresses('early', 3));
    await queueBulk(addresses('import', 150));
    // One round: one request failed; the rest went back to the queue without using an attempt.
    expect(await deliverDueEmails(options)).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
      deferred: 152,
      canceled: 0,
    });
    expect((await outbox()).filter((r) => r.attempts > 0)).toHaveLength(1);
    expect((await outbox()).find((r) => r.attempts > 0)?.lastError).toBe(
      'Resend 500: Service unavailable',
    );

    // Now it rate-limits, and more keeps arriving.
    fake.fail({ status: 429, retryAfterSeconds: 0.05 });
    for (let round = 0; round < 4; round++) {
      const more = addresses(`later${round}-`, 2);
      recipients.push(...more);
      await queueEach(more);
      await drainOutbox(options);
      await sleep(60);
    }
    const bulkDuringLimit = addresses('second-import', 30);
    recipients.push(...bulkDuringLimit);
    await queueBulk(bulkDuringLimit);
    expect(fake.emails).toHaveLength(0);
    const limited = (await outbox()).find((r) => r.lastError?.startsWith('Resend 429'));
    expect(limited?.status).toBe('queued');

    // Recovery, with hiccups: one answer is lost after the email was accepted, one request hangs.
    fake.recover();
    fake.failNext(1, { hang: 'after-accepting' });
    fake.failNext(1, { status: 502 });
    fake.failNext(1, { hang: 'before-accepting' });
    await deliverEverything(options);

    expectEachDeliveredOnce(recipients);
    const rows = await outbox();
    expect(rows).toHaveLength(recipients.length);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    // The lost answer was retried with the same key and answered from Resend's idempotency store.
    expect(fake.requests.filter((r) => r.replayed)).toHaveLength(1);
  });

  it('a worker that dies mid-send: after its lease, the next one sends the same messages under the same keys, once', async () => {
    const real = resendTransport('re_test');
    let die!: (error: Error) => void;
    const death = new Promise<never>((_, reject) => (die = reject));
    death.catch(() => {});
    // Reaches the provider, then the process "dies" before it can record anything.
    const dying: EmailTransport = {
      name: 'resend',
      maxBatchSize: 100,
      send: async (m) => {
        await real.send(m);
        return death;
      },
      sendBatch: async (ms, o) => {
        await real.sendBatch!(ms, o);
        return death;
      },
    };
    await queueEach(['solo@example.com']);
    await queueBulk(['g1@example.com', 'g2@example.com', 'g3@example.com']);
    const policy = { ...fast, leaseMs: 1_000 };

    const crashed = deliverDueEmails({ transport: dying, policy });
    while (fake.emails.length === 0) await sleep(5);
    expect((await outbox()).map((r) => [r.status, r.attempts])).toEqual(
      Array(4).fill(['sending', 1]),
    );
    // Within the lease nobody else touches them.
    expect(await deliverDueEmails({ transport: real, policy })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      deferred: 0,
      canceled: 0,
    });

    await sleep(1_100);
    expect(await deliverDueEmails({ transport: real, policy })).toMatchObject({ sent: 4 });
    expectEachDeliveredOnce([
      'solo@example.com',
      'g1@example.com',
      'g2@example.com',
      'g3@example.com',
    ]);
    const solo = (await outbox()).find((r) => r.to === 'solo@example.com')!;
    const soloRequests = fake.requests.filter((r) => r.idempotencyKey === solo.idempotencyKey);
    expect(soloRequests.map((r) => r.replayed)).toEqual([false, true]);
    expect(solo).toMatchObject({
      status: 'sent',
      attempts: 2,
      providerMessageId: fake.deliveriesTo('solo@example.com')[0]!.id,
    });

    // The dead worker's late failure does not undo the delivery.
    die(new Error('worker process died'));
    await crashed;
    expect((await outbox()).map((r) => r.status)).toEqual(Array(4).fill('sent'));
  });

  it('two processes draining one outbox at once send every message once', async () => {
    const url = process.env.DATABASE_URL;
    // A second connection pool plays the second API process (PGlite has one connection only).
    const second =
      currentConnection().kind === 'postgres' && url ? connectDatabase({ url, poolSize: 4 }) : null;
    try {
      const singles = addresses('single', 120);
      const bulk = addresses('crowd', 250);
      await queueEach(singles);
      await queueBulk(bulk);
      fake.setLatency(2);
      const transport = resendTransport('re_test');
      const options = { transport, policy: fast, limit: 10, groupLimit: 1 };
      const [a, b] = await Promise.all([
        drainOutbox(options),
        drainOutbox({ ...options, database: second?.db }),
      ]);
      expect(a.sent + b.sent).toBe(370);
      if (second) expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
      expectEachDeliveredOnce([...singles, ...bulk]);
      // Not one request twice: no message was ever claimed by both.
      const keys = fake.requests.map((r) => r.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(fake.requests.filter((r) => r.path === '/emails/batch')).toHaveLength(3);
      expect((await outbox()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);

      // The same with a transport without batches: each message handed over exactly once.
      await db.delete(emailOutbox);
      const calls = new Map<string, number>();
      const counting: EmailTransport = {
        name: 'mailbox',
        send: async (m) => {
          calls.set(m.idempotencyKey, (calls.get(m.idempotencyKey) ?? 0) + 1);
          await sleep(1);
          return { id: m.idempotencyKey };
        },
      };
      await queueEach(addresses('again', 60));
      await queueBulk(addresses('again-bulk', 140));
      const countingOptions = { transport: counting, policy: fast, limit: 10, groupLimit: 1 };
      await Promise.all([
        drainOutbox(countingOptions),
        drainOutbox({ ...countingOptions, database: second?.db }),
      ]);
      expect(calls.size).toBe(200);
      expect([...calls.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second?.close();
    }
  });

  it('out of attempts: failed, with the provider error on the message and on its invitation', async () => {
    const options: DeliveryOptions = {
      transport: resendTransport('re_test'),
      policy: { ...fast, maxAttempts: 3 },
    };
    fake.fail({ status: 500, message: 'The mail server is on fire' });
    await db.transaction((tx) =>
      enqueueEmail(tx, message('doomed@example.com', { invitationId: 'inv-doomed' })),
    );
    await deliverEverything(options);
    const [row] = await outbox();
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'Resend 500: The mail server is on fire',
      sentAt: null,
    });
    expect((await invitationDeliveryStatus(['inv-doomed'])).get('inv-doomed')).toEqual({
      status: 'failed',
      attempts: 3,
      lastError: 'Resend 500: The mail server is on fire',
      sentAt: null,
    });
    // Failed is final: recovery does not send it (an admin resends the invitation instead).
    fake.recover();
    expect(await drainOutbox(options)).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
      deferred: 0,
      canceled: 0,
    });

    // An address the provider rejects fails at once; in a batch, only that message fails.
    fake.reject(['nobody@example.com', 'bad@example.com'], 'The recipient address was rejected.');
    await queueEach(['nobody@example.com']);
    await queueBulk(['ok1@example.com', 'bad@example.com', 'ok2@example.com']);
    expect(await drainOutbox(options)).toEqual({
      sent: 2,
      retried: 0,
      failed: 2,
      deferred: 0,
      canceled: 0,
    });
    const byRecipient = Object.fromEntries(
      (await outbox()).map((r) => [r.to, [r.status, r.attempts, r.lastError]]),
    );
    expect(byRecipient).toMatchObject({
      'nobody@example.com': ['failed', 1, 'Resend 422: The recipient address was rejected.'],
      'bad@example.com': ['failed', 1, 'Resend: The recipient address was rejected.'],
      'ok1@example.com': ['sent', 1, null],
      'ok2@example.com': ['sent', 1, null],
    });
  });

  it('shows queued, then sent, on the invitation; a 429 waits at least its Retry-After', async () => {
    const options: DeliveryOptions = { transport: resendTransport('re_test'), policy: fast };
    await db.transaction((tx) =>
      enqueueEmail(tx, message('inv@example.com', { invitationId: 'inv-1' })),
    );
    expect((await invitationDeliveryStatus(['inv-1'])).get('inv-1')).toMatchObject({
      status: 'queued',
      attempts: 0,
    });
    fake.failNext(1, { status: 429, retryAfterSeconds: 0.5 });
    const before = Date.now();
    await drainOutbox(options);
    const [row] = await outbox();
    expect(row!.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(400);
    expect((await invitationDeliveryStatus(['inv-1'])).get('inv-1')).toMatchObject({
      status: 'queued',
      attempts: 1,
    });
    await deliverEverything(options);
    const status = (await invitationDeliveryStatus(['inv-1'])).get('inv-1')!;
    expect(status).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(Date.parse(status.sentAt!)).toBeGreaterThanOrEqual(before + 400);
  });
});

describe('outbox delivery through the dev mailbox', () => {
  it('stores each message once, one insert per message (no batches)', async () => {
    const bulk = addresses('mb', 150);
    await queueBulk(bulk);
    expect(mailboxTransport.sendBatch).toBeUndefined();
    expect(await drainOutbox({ transport: mailboxTransport, policy: fast })).toMatchObject({
      sent: 150,
    });
    const [stored] = await db.select({ n: count() }).from(mailboxMessage);
    expect(stored!.n).toBe(150);
  });
});
