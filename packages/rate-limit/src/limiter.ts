import { executePrepared, pgArray, rowsOf, type Executor } from '@kit/database';
import { sql, type SQL } from 'drizzle-orm';
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
  const charge = chargeSql(hits);
  if (!charge) return [];
  const rows = rowsOf<{ key: string; hits: number; retry_after: number }>(
    await exec.execute(charge.upsert),
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
 * countHits' upsert as SQL, for a caller that puts the charge in a larger statement (a CTE):
 * `upsert` charges (only when `onlyIf` holds) and returns `key, hits, retry_after`; `over(name)`
 * is true when a row of the CTE `name` holding it went past its rule. Undefined without hits.
 * Call `chargedOutside()` after each such statement so expired counters keep being swept.
 */
export function chargeSql(
  hits: RateLimitHit[],
  onlyIf: SQL = sql`true`,
): { upsert: SQL; over: (cte: SQL) => SQL; overRows: (cte: SQL) => SQL } | undefined {
  // Hits on one key add up; the first one's rule holds. A bulk import charges thousands.
  const merged = new Map<string, { rule: RateLimitRule; cost: number }>();
  for (const hit of hits) {
    const previous = merged.get(hit.key);
    if (previous) previous.cost += hit.cost ?? 1;
    else merged.set(hit.key, { rule: hit.rule, cost: hit.cost ?? 1 });
  }
  // The default sort orders strings by UTF-16 code units, as `<` does.
  const orderedKeys = [...merged.keys()].sort();
  const ordered = orderedKeys.map((key) => ({ key, ...merged.get(key)! }));
  if (!ordered.length) return undefined;
  // One array per column (unnest keeps their order): a bulk import's thousands of counters
  // cost a statement with a few parameters. A column with one value for every hit (an
  // import's address counters share cost, window and limit) is bound once instead.
  const keys = pgArray(
    ordered.map((h) => h.key),
    'text',
  );
  const arrays = [keys];
  const names = ['key'];
  const perHit = (values: number[], type: 'integer' | 'float8', name: string): SQL => {
    if (values.every((v) => v === values[0])) return sql`${values[0]}::${sql.raw(type)}`;
    arrays.push(pgArray(values, type));
    names.push(name);
    return sql.raw(`hit.${name}`);
  };
  const cost = perHit(
    ordered.map((h) => h.cost),
    'integer',
    'cost',
  );
  const windowSeconds = perHit(
    ordered.map((h) => h.rule.windowMs / 1000),
    'float8',
    'window_seconds',
  );
  const maxes = ordered.map((h) => h.rule.max);
  const sameMax = maxes.every((max) => max === maxes[0]);
  return {
    upsert: sql`
      insert into rate_limit (key, hits, reset_at)
      select hit.key, ${cost}, now() + make_interval(secs => ${windowSeconds})
      from unnest(${sql.join(arrays, sql`, `)}) as hit(${sql.raw(names.join(', '))})
      where ${onlyIf}
      on conflict (key) do update set
        hits = case when rate_limit.reset_at <= now() then excluded.hits
                    else least(rate_limit.hits + excluded.hits, ${MAX_COUNT}::integer) end,
        reset_at = case when rate_limit.reset_at <= now() then excluded.reset_at
                        else rate_limit.reset_at end
      returning key, hits, greatest(1, ceil(extract(epoch from reset_at - now())))::integer as retry_after`,
    over: (cte) =>
      sameMax
        ? sql`exists (select 1 from ${cte} as charged where charged.hits > ${maxes[0]}::integer)`
        : sql`exists (
      select 1 from ${cte} as charged
      join unnest(${keys}, ${pgArray(maxes, 'integer')}) as rule(key, max) on rule.key = charged.key
      where charged.hits > rule.max)`,
    overRows: (cte) =>
      sameMax
        ? sql`select charged.* from ${cte} as charged where charged.hits > ${maxes[0]}::integer`
        : sql`select charged.* from ${cte} as charged
      join unnest(${keys}, ${pgArray(maxes, 'integer')}) as rule(key, max) on rule.key = charged.key
      where charged.hits > rule.max`,
  };
}

/** Counts a charge made through chargeSql: every few hundred, sweeps expired counters. */
export async function chargedOutside(exec: Executor): Promise<void> {
  if (++callsSinceSweep < SWEEP_EVERY) return;
  callsSinceSweep = 0;
  await sweepExpiredRateLimits(exec);
}

/**
 * The refusal a charge made through chargeSql met, read after its transaction rolled back: the
 * counters as they are now, each with this request's cost added. Undefined if it now fits
 * (a window ended meanwhile).
 */
export async function refusalAfterRollback(
  exec: Executor,
  hits: RateLimitHit[],
): Promise<RateLimitedError | undefined> {
  const keys = [...new Set(hits.map((h) => h.key))];
  const rows = rowsOf<{ key: string; hits: number; retry_after: number }>(
    await exec.execute(sql`
      select key, case when reset_at <= now() then 0 else hits end as hits,
        greatest(1, ceil(extract(epoch from reset_at - now())))::integer as retry_after
      from rate_limit where key = any(${pgArray(keys, 'text')})`),
  );
  const costs = new Map<string, number>();
  for (const hit of hits) costs.set(hit.key, (costs.get(hit.key) ?? 0) + (hit.cost ?? 1));
  const counts = keys.map((key): RateLimitCount => {
    const row = rows.find((r) => r.key === key);
    const windowMs = hits.find((h) => h.key === key)!.rule.windowMs;
    return {
      key,
      hits: Number(row?.hits ?? 0) + costs.get(key)!,
      retryAfterSeconds: row ? Number(row.retry_after) : Math.ceil(windowMs / 1000),
    };
  });
  return refusalOf(hits, counts);
}

/**
 * Charges the hits and throws RateLimitedError when any counter is over its rule; the wait is
 * the longest among the counters that are over.
 */
export async function enforceRateLimits(exec: Executor, hits: RateLimitHit[]): Promise<void> {
  const charge = chargeSql(hits);
  if (!charge) return;
  // Only the counters over their rule come back: a bulk import charges thousands. Prepared (its
  // text takes a few shapes), so that it is bound and run in one write (see executePrepared).
  const over = await executePrepared<{ key: string; hits: number; retry_after: number }>(
    sql`with charged as (${charge.upsert}) ${charge.overRows(sql`charged`)}`,
    exec,
  );
  await chargedOutside(exec);
  const refusal = refusalOf(
    hits,
    over.map((r) => ({
      key: r.key,
      hits: Number(r.hits),
      retryAfterSeconds: Number(r.retry_after),
    })),
  );
  if (refusal) throw refusal;
}

/** The RateLimitedError for counters over their rule (the longest wait wins), if any is. */
function refusalOf(hits: RateLimitHit[], counts: RateLimitCount[]): RateLimitedError | undefined {
  const byKey = new Map<string, RateLimitHit>();
  for (const hit of hits) if (!byKey.has(hit.key)) byKey.set(hit.key, hit);
  let refusal: { hit: RateLimitHit; retryAfterSeconds: number } | undefined;
  for (const count of counts) {
    const hit = byKey.get(count.key)!;
    if (count.hits <= hit.rule.max) continue;
    if (!refusal || count.retryAfterSeconds > refusal.retryAfterSeconds)
      refusal = { hit, retryAfterSeconds: count.retryAfterSeconds };
  }
  if (!refusal) return undefined;
  const { hit, retryAfterSeconds } = refusal;
  const wait = `Try again in ${retryAfterSeconds} s.`;
  const cost = hits.filter((h) => h.key === hit.key).reduce((n, h) => n + (h.cost ?? 1), 0);
  return new RateLimitedError(
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
