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
 * A whole column as one bound parameter, cast to `type[]`, for `unnest`: thousands of rows in
 * one statement with a handful of parameters, where a VALUES list would need one per value (and
 * an ORM's time to build it). Any driver binds a string.
 *
 * The values go as one text joined by a separator none of them holds (a comma, else the ASCII
 * unit separator), split by `string_to_array`: Postgres splits several times faster than it
 * parses an array literal, and a 1,000-row import chunk carries about half a megabyte of ids,
 * hashes and sealed bodies. A column with a null, an empty string, or both separators in its
 * values goes as an array literal instead, every element quoted.
 */
export function pgArray(values: readonly ArrayValue[], type: PgArrayType): SQL {
  const split = joinedWithSeparator(values);
  if (split)
    return sql`string_to_array(${split.text}::text, ${sql.raw(split.separatorSql)})::${sql.raw(type)}[]`;
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}

const UNIT_SEPARATOR = '\u001f';

/**
 * The values as text joined by a comma, or by the unit separator when a value holds a comma;
 * `undefined` when no separator would split the text back into exactly these values.
 */
function joinedWithSeparator(
  values: readonly ArrayValue[],
): { text: string; separatorSql: string } | undefined {
  // Ids, hashes and sealed bodies are strings already: checked and joined without a copy.
  let texts: readonly ArrayValue[] = values;
  let hasComma = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // A null has no text form here; '' would vanish (one '' splits into no element at all).
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      if (texts === values) texts = values.slice();
      (texts as ArrayValue[])[i] = value instanceof Date ? value.toISOString() : String(value);
    }
    if (!hasComma && (texts[i] as string).includes(',')) hasComma = true;
  }
  if (!hasComma) return { text: texts.join(','), separatorSql: "','" };
  for (const text of texts) if ((text as string).includes(UNIT_SEPARATOR)) return undefined;
  return { text: texts.join(UNIT_SEPARATOR), separatorSql: "E'\\x1f'" };
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

/** The one value every row has in a column, or `undefined` when they differ (or are few). */
function sameForAll(values: readonly ArrayValue[]): { value: ArrayValue } | undefined {
  if (values.length < 2) return undefined;
  const first = values[0];
  const key = (v: ArrayValue) => (v instanceof Date ? v.getTime() : (v ?? null));
  const firstKey = key(first);
  for (let i = 1; i < values.length; i++) if (key(values[i]) !== firstKey) return undefined;
  return { value: first };
}

/**
 * `insert into <table> (<columns>) select … from unnest(<one array per column>)`: the rows in
 * one statement whatever their number. Append `where …`, `on conflict …` or `returning …` as
 * needed. jsonb columns take JSON text (JSON.stringify). A column whose value is the same in
 * every row (an import's organization, inviter, dates) is bound once rather than as an array
 * repeating it, which spares building and sending the array, and Postgres parsing each element.
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
  const arrays: SQL[] = [];
  const selected = columns.map(([, type, value]) => {
    const values = rows.map(value);
    const same = sameForAll(values);
    if (same) {
      const { value: v } = same;
      const text =
        v === undefined || v === null ? null : v instanceof Date ? v.toISOString() : String(v);
      return sql`${text}::${sql.raw(type)}`;
    }
    arrays.push(pgArray(values, type));
    return sql.raw(`u.c${arrays.length - 1}`);
  });
  const aliases = sql.raw(arrays.map((_, i) => `c${i}`).join(', '));
  const from =
    arrays.length > 0
      ? sql`unnest(${sql.join(arrays, sql`, `)}) as u(${aliases})`
      : sql`generate_series(1, ${rows.length}::integer)`;
  return sql`insert into ${table} (${names}) select ${sql.join(selected, sql`, `)} from ${from}`;
}
