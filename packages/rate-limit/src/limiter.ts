import { pgArray, rowsOf, type Executor } from '@kit/database';
import { sql } from 'drizzle-orm';
import { formatWindow, type RateLimitRule } from './rule';

/** One counter to charge: its key, its rule, and how many hits this request costs. */
export interface RateLimitHit {
  key: string;
  rule: RateLimitRule;
  /** Hits this request counts for (a bulk import counts one per invitation); default 1. */
  cost?: number;
  /** What is limited, for the message: "Too many sign-in attempts". */
  reason: string;
}

/** A refusal: the caller should answer 429 with `Retry-After: retryAfterSeconds`. */
export class RateLimitedError extends Error {
  readonly code = 'RATE_LIMITED';

  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}

export interface RateLimitCount {
  key: string;
  hits: number;
  retryAfterSeconds: number;
}

/** Counts never grow past this, however long someone keeps hammering within one window. */
const MAX_COUNT = 2_000_000_000;
/** Every this many calls in a process, expired rows are swept (a bounded, indexed delete). */
const SWEEP_EVERY = 200;
let callsSinceSweep = 0;

/**
 * Charges every hit in one statement: `insert … on conflict do update … returning`. The row
 * lock taken by the upsert makes concurrent requests and several processes count exactly; the
 * database clock decides windows, so processes on different machines agree. A window that has
 * ended restarts at the hit. Keys are charged in a fixed order so two callers never deadlock.
 * Inside a transaction the charge rolls back with it.
 */
export async function countHits(exec: Executor, hits: RateLimitHit[]): Promise<RateLimitCount[]> {
  const merged = new Map<string, RateLimitHit & { cost: number }>();
  for (const hit of hits) {
    const previous = merged.get(hit.key);
    merged.set(hit.key, { ...hit, cost: (previous?.cost ?? 0) + (hit.cost ?? 1) });
  }
  const ordered = [...merged.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  if (!ordered.length) return [];
  // One array per column (unnest keeps their order): a bulk import's thousands of counters
  // cost a statement with three parameters.
  const keys = pgArray(
    ordered.map((h) => h.key),
    'text',
  );
  const costs = pgArray(
    ordered.map((h) => h.cost),
    'integer',
  );
  const windows = pgArray(
    ordered.map((h) => h.rule.windowMs / 1000),
    'float8',
  );
  const rows = rowsOf<{ key: string; hits: number; retry_after: number }>(
    await exec.execute(sql`
      insert into rate_limit (key, hits, reset_at)
      select hit.key, hit.cost, now() + make_interval(secs => hit.window_seconds)
      from unnest(${keys}, ${costs}, ${windows}) as hit(key, cost, window_seconds)
      on conflict (key) do update set
        hits = case when rate_limit.reset_at <= now() then excluded.hits
                    else least(rate_limit.hits + excluded.hits, ${MAX_COUNT}::integer) end,
        reset_at = case when rate_limit.reset_at <= now() then excluded.reset_at
                        else rate_limit.reset_at end
      returning key, hits, greatest(1, ceil(extract(epoch from reset_at - now())))::integer as retry_after`),
  );
  if (++callsSinceSweep >= SWEEP_EVERY) {
    callsSinceSweep = 0;
    await sweepExpiredRateLimits(exec);
  }
  return rows.map((r) => ({
    key: r.key,
    hits: Number(r.hits),
    retryAfterSeconds: Number(r.retry_after),
  }));
}

/**
 * Charges the hits and throws RateLimitedError when any counter is over its rule; the wait is
 * the longest among the counters that are over.
 */
export async function enforceRateLimits(exec: Executor, hits: RateLimitHit[]): Promise<void> {
  const counts = await countHits(exec, hits);
  const byKey = new Map<string, RateLimitHit>();
  for (const hit of hits) if (!byKey.has(hit.key)) byKey.set(hit.key, hit);
  let refusal: { hit: RateLimitHit; retryAfterSeconds: number } | undefined;
  for (const count of counts) {
    const hit = byKey.get(count.key)!;
    if (count.hits <= hit.rule.max) continue;
    if (!refusal || count.retryAfterSeconds > refusal.retryAfterSeconds)
      refusal = { hit, retryAfterSeconds: count.retryAfterSeconds };
  }
  if (!refusal) return;
  const { hit, retryAfterSeconds } = refusal;
  const wait = `Try again in ${retryAfterSeconds} s.`;
  const cost = hits.filter((h) => h.key === hit.key).reduce((n, h) => n + (h.cost ?? 1), 0);
  throw new RateLimitedError(
    retryAfterSeconds,
    cost > hit.rule.max
      ? `${hit.reason}: this request counts ${cost}, the limit is ${hit.rule.max} per ${formatWindow(hit.rule.windowMs)}. ${wait}`
      : `${hit.reason}. ${wait}`,
  );
}

/**
 * Deletes up to `limit` counters whose window ended; rows someone is charging right now are
 * skipped. Runs on its own every few hundred calls; exported for operators and tests.
 */
export async function sweepExpiredRateLimits(exec: Executor, limit = 500): Promise<number> {
  const rows = rowsOf<{ key: string }>(
    await exec.execute(sql`
      delete from rate_limit where key in (
        select key from rate_limit where reset_at <= now()
        order by reset_at limit ${limit} for update skip locked)
      returning key`),
  );
  return rows.length;
}
