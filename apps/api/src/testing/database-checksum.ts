import { db, rowsOf } from '@kit/database';
import { sql } from 'drizzle-orm';

let checksumQuery: string | undefined;

/**
 * One hash over every row of every table in the schema: equal before and after a request
 * means the request wrote nothing (no insert, update or delete anywhere).
 */
export async function databaseChecksum(): Promise<string> {
  if (!checksumQuery) {
    const tables = rowsOf<{ name: string }>(
      await db.execute(
        sql`select tablename as name from pg_tables where schemaname = current_schema() order by 1`,
      ),
    );
    const parts = tables.map(
      ({ name }) =>
        `select '${name}:' || coalesce(md5(string_agg(r::text, ',' order by r::text)), '') as part from "${name}" r`,
    );
    checksumQuery = `select md5(string_agg(part, '|' order by part)) as sum from (${parts.join(' union all ')}) parts`;
  }
  const [row] = rowsOf<{ sum: string }>(await db.execute(sql.raw(checksumQuery)));
  return row!.sum;
}
