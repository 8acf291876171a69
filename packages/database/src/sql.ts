import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/** Rows of a raw `db.execute()` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** True for Postgres unique violations (SQLSTATE 23505), optionally on one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: string; constraint_name?: string; constraint?: string };
    if (candidate.code === '23505') {
      return !constraint || (candidate.constraint_name ?? candidate.constraint) === constraint;
    }
  }
  return false;
}

/** The SQL types a column array can be bound as. */
export type PgArrayType = 'text' | 'jsonb' | 'timestamptz' | 'integer' | 'float8' | 'boolean';

type ArrayValue = string | number | boolean | Date | null | undefined;

/**
 * A whole column as one bound parameter (a Postgres array literal, cast to `type[]`), for
 * `unnest`: thousands of rows in one statement with a handful of parameters, where a VALUES
 * list would need one per value (and an ORM's time to build it). Any driver binds a string.
 */
export function pgArray(values: readonly ArrayValue[], type: PgArrayType): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** A one-dimensional Postgres array literal: every element quoted, NULL for null/undefined. */
function arrayLiteral(values: readonly ArrayValue[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined || value === null) parts[i] = 'NULL';
    else {
      const text = value instanceof Date ? value.toISOString() : String(value);
      parts[i] = NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** One column of an `insertUnnest`: the table's column, its SQL type, each row's value. */
export type UnnestColumn<Row> = [
  column: PgColumn,
  type: PgArrayType,
  value: (row: Row) => ArrayValue,
];

/**
 * `insert into <table> (<columns>) select * from unnest(<one array per column>)`: the rows in
 * one statement whatever their number. Append `on conflict …` or `returning …` as needed.
 * jsonb columns take JSON text (JSON.stringify).
 */
export function insertUnnest<Row>(
  table: PgTable,
  columns: UnnestColumn<Row>[],
  rows: readonly Row[],
): SQL {
  const names = sql.join(
    columns.map(([column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const arrays = sql.join(
    columns.map(([, type, value]) => pgArray(rows.map(value), type)),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select * from unnest(${arrays})`;
}
