import { asc, inArray, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { db, insertUnnest, mailboxMessage, pgArray, rowsOf, type UnnestColumn } from './index';

interface Row {
  id: string;
  subject: string;
  createdAt: Date;
}

const columns: UnnestColumn<Row>[] = [
  [mailboxMessage.id, 'text', (r) => r.id],
  [mailboxMessage.to, 'text', () => 'to@example.com'],
  [mailboxMessage.from, 'text', () => 'from@example.com'],
  [mailboxMessage.subject, 'text', (r) => r.subject],
  [mailboxMessage.html, 'text', (r) => `<p>${r.subject}</p>`],
  [mailboxMessage.text, 'text', (r) => r.subject],
  [mailboxMessage.createdAt, 'timestamptz', (r) => r.createdAt],
];

describe('column arrays (unnest)', () => {
  it('stores every value exactly as given, whatever characters it holds', async () => {
    const awkward = [
      'plain',
      '',
      'NULL',
      'null',
      'with "quotes"',
      'back\\slash \\" mixed',
      'comma, {braces} and (parens)',
      '  spaces around  ',
      'line\nbreak\ttab',
      'ünïcødé ✓ 🎉',
    ];
    const rows = awkward.map((subject, i) => ({
      id: `unnest-${i}`,
      subject,
      createdAt: new Date(Date.UTC(2030, 0, 1, 12, 0, 0, i)),
    }));
    await db.execute(insertUnnest(mailboxMessage, columns, rows));
    const stored = await db
      .select({
        id: mailboxMessage.id,
        subject: mailboxMessage.subject,
        createdAt: mailboxMessage.createdAt,
      })
      .from(mailboxMessage)
      .where(
        inArray(
          mailboxMessage.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(mailboxMessage.createdAt));
    expect(stored).toEqual(rows);
  });

  it('stores a value every row shares (a string, a date) in each row', async () => {
    const at = new Date(Date.UTC(2031, 5, 1, 8, 30, 0, 123));
    const rows = ['a', 'b', 'c'].map((subject) => ({
      id: `shared-${subject}`,
      subject: 'same "subject", {1}',
      createdAt: at,
    }));
    await db.execute(insertUnnest(mailboxMessage, columns, rows));
    const stored = await db
      .select({
        id: mailboxMessage.id,
        to: mailboxMessage.to,
        subject: mailboxMessage.subject,
        html: mailboxMessage.html,
        createdAt: mailboxMessage.createdAt,
      })
      .from(mailboxMessage)
      .where(
        inArray(
          mailboxMessage.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(mailboxMessage.id));
    expect(stored).toEqual(
      rows.map((r) => ({
        ...r,
        to: 'to@example.com',
        html: '<p>same "subject", {1}</p>',
      })),
    );
  });

  it('binds null as NULL and matches with = any()', async () => {
    const [row] = rowsOf<{ nulls: number; hits: number }>(
      await db.execute(sql`
        select
          (select count(*)::int from unnest(${pgArray(['a', null, undefined, 'NULL'], 'text')}) as v(x) where x is null) as nulls,
          (select count(*)::int from unnest(${pgArray(['x"y', 'z'], 'text')}) as v(x) where x = any(${pgArray(['x"y'], 'text')})) as hits`),
    );
    expect(row).toEqual({ nulls: 2, hits: 1 });
  });

  it('gives back every value, whichever way the column is sent', async () => {
    const columns: Array<{ name: string; values: string[] }> = [
      // No comma anywhere: joined by commas and split in the database.
      {
        name: 'ids',
        values: ['0193a5c0-7b1e-7c3d-8f00-1a2b3c4d5e6f', 'b', 'x"y', 'back\\slash', 'ü ✓'],
      },
      // Commas: joined by the unit separator instead.
      { name: 'commas', values: ['a,b', ',', 'c,,d', '{x,y}', 'plain'] },
      // Commas and a unit separator: an array literal.
      { name: 'both', values: ['a,b', 'c\u001fd', 'e'] },
      // An empty string: an array literal (splitting would lose it).
      { name: 'empty string', values: ['', 'a'] },
      { name: 'one empty string', values: [''] },
      { name: 'one value', values: ['solo'] },
      { name: 'none', values: [] },
    ];
    for (const { name, values } of columns) {
      const [row] = rowsOf<{ values: string[] | null }>(
        await db.execute(
          sql`select array(select x from unnest(${pgArray(values, 'text')}) with ordinality as v(x, n) order by n) as values`,
        ),
      );
      expect({ name, values: row?.values }).toEqual({ name, values });
    }
  });

  it('sends a column without commas as one joined text, split by the database', () => {
    const query = new PgDialect().sqlToQuery(sql`select ${pgArray(['a', 'b'], 'text')}`);
    expect(query.sql).toContain('string_to_array(');
    expect(query.params).toEqual(['a,b']);
  });

  it('casts a split column to its type (dates, numbers, JSON)', async () => {
    const at = [new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2030, 0, 2, 3, 4, 5, 6))];
    const [row] = rowsOf<{ dates: string[]; total: number; teams: string[] }>(
      await db.execute(sql`
        select
          array(select to_char(d at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') from unnest(${pgArray(at, 'timestamptz')}) as v(d)) as dates,
          (select sum(n)::int from unnest(${pgArray([1, 2, 39], 'integer')}) as v(n)) as total,
          array(select j ->> 'team' from unnest(${pgArray(['{"team":"a"}', '{"team":"b","x":1}'], 'jsonb')}) with ordinality as v(j, n) order by n) as teams`),
    );
    expect(row).toEqual({
      dates: ['2030-01-01T00:00:00.000', '2030-01-02T03:04:05.006'],
      total: 42,
      teams: ['a', 'b'],
    });
  });
});
