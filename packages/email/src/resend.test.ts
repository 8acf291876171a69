import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmailDeliveryError, resendTransport, type OutgoingEmail } from './index';
import { startFakeResend, type FakeResend } from './testing/fake-resend';

let fake: FakeResend;

beforeAll(async () => {
  fake = await startFakeResend();
  // The real SDK, pointed at the fake: it reads RESEND_BASE_URL when a client is created.
  process.env.RESEND_BASE_URL = fake.url;
});

afterAll(async () => {
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

beforeEach(() => fake.reset());

const message = (to: string, key = `key-${to}`): OutgoingEmail => ({
  to,
  from: 'Orbit <no-reply@orbit.test>',
  subject: `Hello ${to}`,
  html: `<p>Hello ${to}</p>`,
  text: `Hello ${to}`,
  idempotencyKey: key,
});

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EmailDeliveryError);
  return error as EmailDeliveryError;
};

describe('resend transport (the real SDK against a local fake of the API)', () => {
  it('sends with the idempotency key; the same key again delivers nothing new and answers the same id', async () => {
    const transport = resendTransport('re_test');
    const first = await transport.send(message('ada@example.com'));
    const again = await transport.send(message('ada@example.com'));
    expect(again.id).toBe(first.id);
    expect(fake.deliveriesTo('ada@example.com')).toHaveLength(1);
    expect(fake.requests.map((r) => [r.path, r.idempotencyKey, r.replayed])).toEqual([
      ['/emails', 'key-ada@example.com', false],
      ['/emails', 'key-ada@example.com', true],
    ]);
    expect(fake.emails[0]).toMatchObject({
      from: 'Orbit <no-reply@orbit.test>',
      subject: 'Hello ada@example.com',
      text: 'Hello ada@example.com',
    });
  });

  it('classifies errors: 5xx and 429 are retryable (with Retry-After), a rejected message is not', async () => {
    const transport = resendTransport('re_test');
    fake.failNext(1, { status: 500, message: 'The mail server is on fire' });
    const down = await failure(transport.send(message('a@example.com')));
    expect(down).toMatchObject({
      retryable: true,
      message: 'Resend 500: The mail server is on fire',
    });

    fake.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const limited = await failure(transport.send(message('a@example.com')));
    expect(limited).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(limited.message).toMatch(/^Resend 429: Too many requests/);

    fake.reject(['bounce@example.com'], 'The recipient address was rejected.');
    const rejected = await failure(transport.send(message('bounce@example.com')));
    expect(rejected).toMatchObject({
      retryable: false,
      message: 'Resend 422: The recipient address was rejected.',
    });
    expect(fake.emails).toHaveLength(0);

    const wrongKey = await failure(resendTransport('not-a-key').send(message('a@example.com')));
    expect(wrongKey.retryable).toBe(false);
  });

  it('gives up on a provider that does not answer (the SDK has no timeout of its own): a retryable error', async () => {
    const transport = resendTransport('re_test', { timeoutMs: 200 });
    fake.failNext(1, { hang: 'before-accepting' });
    const started = Date.now();
    const error = await failure(transport.send(message('slow@example.com')));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({
      retryable: true,
      message: 'Resend: no answer within 0.2 s (timed out)',
    });
  });

  it('a request answered after it was accepted, lost, then retried with the same key: delivered once', async () => {
    const transport = resendTransport('re_test', { timeoutMs: 200 });
    fake.failNext(1, { hang: 'after-accepting' });
    await failure(transport.send(message('lost@example.com')));
    expect(fake.deliveriesTo('lost@example.com')).toHaveLength(1);
    const retried = await transport.send(message('lost@example.com'));
    expect(retried.id).toBe(fake.emails[0]!.id);
    expect(fake.deliveriesTo('lost@example.com')).toHaveLength(1);
  });

  it('sends batches of up to 100 with one key, each message with its own outcome (permissive validation)', async () => {
    const transport = resendTransport('re_test');
    expect(transport.maxBatchSize).toBe(100);
    fake.reject(['b@example.com'], 'The recipient address was rejected.');
    const batch = ['a@example.com', 'b@example.com', 'c@example.com'].map((to) => message(to));
    const outcomes = await transport.sendBatch!(batch, { idempotencyKey: 'batch/1' });
    expect(outcomes[0]).toEqual({ id: fake.deliveriesTo('a@example.com')[0]!.id });
    expect(outcomes[1]).toBeInstanceOf(EmailDeliveryError);
    expect(outcomes[1]).toMatchObject({
      retryable: false,
      message: 'Resend: The recipient address was rejected.',
    });
    expect(outcomes[2]).toEqual({ id: fake.deliveriesTo('c@example.com')[0]!.id });
    expect(fake.requests[0]).toMatchObject({
      path: '/emails/batch',
      idempotencyKey: 'batch/1',
      batchValidation: 'permissive',
    });

    // The same batch again (a retry after a lost answer): the same ids, nothing delivered twice.
    const again = await transport.sendBatch!(batch, { idempotencyKey: 'batch/1' });
    expect(again[0]).toEqual(outcomes[0]);
    expect(fake.emails).toHaveLength(2);

    fake.failNext(1, { status: 503 });
    const down = await failure(
      transport.sendBatch!([message('d@example.com')], { idempotencyKey: 'batch/2' }),
    );
    expect(down.retryable).toBe(true);
    await expect(
      transport.sendBatch!(
        Array.from({ length: 101 }, (_, i) => message(`x${i}@example.com`)),
        { idempotencyKey: 'batch/3' },
      ),
    ).rejects.toThrow(/at most 100/);
  });
});
