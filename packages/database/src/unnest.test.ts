import { asc, inArray, sql } from 'drizzle-orm';
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
});
