import { connectDatabase, db, rateLimit } from '@kit/database';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  countHits,
  enforceRateLimits,
  RateLimitedError,
  sweepExpiredRateLimits,
  type RateLimitHit,
} from './index';

const hit = (key: string, max: number, cost?: number): RateLimitHit => ({
  key,
  rule: { max, windowMs: 60_000 },
  reason: 'Too many tries',
  ...(cost ? { cost } : {}),
});

async function outcome(promise: Promise<unknown>) {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    if (error instanceof RateLimitedError) return 'limited';
    throw error;
  }
}

async function row(key: string) {
  const [found] = await db.select().from(rateLimit).where(eq(rateLimit.key, key));
  return found;
}

describe('enforceRateLimits', () => {
  it('allows max hits per window, then refuses with the wait until the window ends', async () => {
    for (let i = 0; i < 3; i++) await enforceRateLimits(db, [hit('basic', 3)]);
    const error = await enforceRateLimits(db, [hit('basic', 3)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const limited = error as RateLimitedError;
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.message).toBe(`Too many tries. Try again in ${limited.retryAfterSeconds} s.`);
    // Keys are independent.
    await enforceRateLimits(db, [hit('basic-other', 3)]);
  });

  it('counts concurrent requests exactly', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () => outcome(enforceRateLimits(db, [hit('concurrent', 10)]))),
    );
    expect(results.filter((r) => r === 'allowed')).toHaveLength(10);
    expect((await row('concurrent'))?.hits).toBe(40);
  });

  // PGlite is single-process: one connection is all there is.
  it.runIf(process.env.DATABASE_URL)(
    'shares counters between separate connections (as two processes would)',
    async () => {
      const other = connectDatabase({ url: process.env.DATABASE_URL, poolSize: 2 });
      try {
        await enforceRateLimits(db, [hit('shared', 2)]);
        await enforceRateLimits(other.db, [hit('shared', 2)]);
        expect(await outcome(enforceRateLimits(db, [hit('shared', 2)]))).toBe('limited');
        expect(await outcome(enforceRateLimits(other.db, [hit('shared', 2)]))).toBe('limited');
      } finally {
        await other.close();
      }
    },
  );

  it('refuses when any one of several counters is over, and charges them all', async () => {
    await enforceRateLimits(db, [hit('multi-a', 1)]);
    expect(await outcome(enforceRateLimits(db, [hit('multi-a', 1), hit('multi-b', 5)]))).toBe(
      'limited',
    );
    expect((await row('multi-b'))?.hits).toBe(1);
  });

  it('charges a cost and says when one request alone is over the limit', async () => {
    await enforceRateLimits(db, [hit('cost', 10, 7)]);
    expect((await row('cost'))?.hits).toBe(7);
    expect(await outcome(enforceRateLimits(db, [hit('cost', 10, 4)]))).toBe('limited');
    const error = (await enforceRateLimits(db, [hit('cost-big', 10, 11)]).catch(
      (e: unknown) => e,
    )) as RateLimitedError;
    expect(error.message).toMatch(/this request counts 11, the limit is 10 per minute/);
  });

  it('rolls the charge back with a failed transaction', async () => {
    await db
      .transaction(async (tx) => {
        await enforceRateLimits(tx, [hit('rollback', 5)]);
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await row('rollback')).toBeUndefined();
  });

  it('starts a new window once the old one has ended', async () => {
    await enforceRateLimits(db, [hit('window', 1)]);
    expect(await outcome(enforceRateLimits(db, [hit('window', 1)]))).toBe('limited');
    await db
      .update(rateLimit)
      .set({ resetAt: sql`now() - interval '1 second'` })
      .where(eq(rateLimit.key, 'window'));
    expect(await outcome(enforceRateLimits(db, [hit('window', 1)]))).toBe('allowed');
    expect((await row('window'))?.hits).toBe(1);
  });
});

describe('sweepExpiredRateLimits', () => {
  it('deletes ended windows and keeps running ones', async () => {
    await countHits(db, [hit('sweep-old', 5), hit('sweep-live', 5)]);
    await db
      .update(rateLimit)
      .set({ resetAt: sql`now() - interval '1 minute'` })
      .where(eq(rateLimit.key, 'sweep-old'));
    expect(await sweepExpiredRateLimits(db)).toBeGreaterThanOrEqual(1);
    expect(await row('sweep-old')).toBeUndefined();
    expect(await row('sweep-live')).toBeDefined();
  });
});
