import { db, rowsOf } from '@kit/database';
import { sql } from 'drizzle-orm';

let checksumQuery: string | undefined;

/**
 * Bookkeeping a refused request is meant to write: rate-limit counters count refused
 * attempts too (that is what stops guessing).
 */
const BOOKKEEPING_TABLES = ['rate_limit'];
/** Bookkeeping columns: when an API key was last used is written whatever the answer. */
const BOOKKEEPING_COLUMNS: Record<string, string[]> = {
  organization_api_key: ['last_used_at'],
};

const rowText = (table: string) => {
  const columns = BOOKKEEPING_COLUMNS[table];
  return columns
    ? `(to_jsonb(r) - array[${columns.map((c) => `'${c}'`).join(',')}])::text`
    : 'r::text';
};

/**
 * One hash over every row of every table in the schema but the bookkeeping ones: equal before
 * and after a request means the request wrote nothing (no insert, update or delete anywhere).
 */
export async function databaseChecksum(): Promise<string> {
  if (!checksumQuery) {
    const tables = rowsOf<{ name: string }>(
      await db.execute(
        sql`select tablename as name from pg_tables where schemaname = current_schema() order by 1`,
      ),
    ).filter(({ name }) => !BOOKKEEPING_TABLES.includes(name));
    const parts = tables.map(
      ({ name }) =>
        `select '${name}:' || coalesce(md5(string_agg(${rowText(name)}, ',' order by ${rowText(name)})), '') as part from "${name}" r`,
    );
    checksumQuery = `select md5(string_agg(part, '|' order by part)) as sum from (${parts.join(' union all ')}) parts`;
  }
  const [row] = rowsOf<{ sum: string }>(await db.execute(sql.raw(checksumQuery)));
  return row!.sum;
}
