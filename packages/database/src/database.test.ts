import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './testing';
import {
  currentExecutor,
  DatabaseNotConfiguredError,
  db,
  executePrepared,
  isUniqueViolation,
  organization,
  pingDatabase,
  rowsOf,
  runWithDatabase,
  subscription,
  transactionPipeline,
  useDatabase,
  user,
} from './index';

describe('@kit/database', () => {
  it('answers a ping and has the migrated tables', async () => {
    expect(await pingDatabase()).toBe(true);
    await db.insert(organization).values({ id: 'org_1', name: 'Acme', slug: 'acme' });
    await db
      .insert(subscription)
      .values({ id: 'sub_1', plan: 'team', referenceId: 'org_1', status: 'active', seats: 5 });
    const rows = await db.select().from(subscription).where(eq(subscription.referenceId, 'org_1'));
    expect(rows).toMatchObject([
      { plan: 'team', status: 'active', seats: 5, cancelAtPeriodEnd: false },
    ]);
  });

  it('enforces unique emails and reports the violation', async () => {
    await db.insert(user).values({ id: 'u1', name: 'A', email: 'a@example.com' });
    const error = await db
      .insert(user)
      .values({ id: 'u2', name: 'B', email: 'a@example.com' })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('gives each test database its own data', async () => {
    const other = await createTestDatabase();
    try {
      expect(await other.db.select().from(user)).toEqual([]);
      expect((await db.select().from(user)).length).toBeGreaterThan(0);
    } finally {
      await other.destroy();
    }
  });
});

describe('the db handle', () => {
  it('resolves to the transaction of the operation running, so a plain db query joins it', async () => {
    await db.transaction(async (tx) => {
      await tx.insert(organization).values({ id: 'org_tx', name: 'Tx', slug: 'tx' });
      // The same handle, not `tx`: it sees the uncommitted row (and cannot deadlock on PGlite).
      const rows = await db.select().from(organization).where(eq(organization.id, 'org_tx'));
      expect(rows).toHaveLength(1);
      expect(currentExecutor()).toBe(tx);
    });
  });

  it('uses the database of the scope it runs in, and says how to configure one when there is none', async () => {
    const other = await createTestDatabase();
    try {
      await runWithDatabase(other, () =>
        db.insert(organization).values({ id: 'org_scoped', name: 'Scoped', slug: 'scoped' }),
      );
      expect(await other.db.select().from(organization)).toMatchObject([{ id: 'org_scoped' }]);
      expect(await db.select().from(organization).where(eq(organization.id, 'org_scoped'))).toEqual(
        [],
      );
    } finally {
      await other.destroy();
    }
    const restore = useDatabase(null);
    try {
      expect(() => db.select()).toThrow(DatabaseNotConfiguredError);
      expect(() => db.select()).toThrow(/createKit|useDatabase/);
    } finally {
      restore();
    }
  });
});

describe('work a transaction leaves behind', () => {
  it('uses the database again once the transaction is over (a timer it started)', async () => {
    let later: Promise<unknown> = Promise.resolve();
    await db.transaction(async (tx) => {
      await tx.insert(organization).values({ id: 'org_timer', name: 'Timer', slug: 'timer' });
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
        db.transaction((next) => next.select().from(organization)),
      );
    });
    expect(await later).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'org_timer' })]),
    );
  });
});

describe('transactionPipeline', () => {
  const named = (id: string) =>
    sql`select ${organization.name} as name from ${organization} where ${organization.id} = ${id}`;

  it('runs the statements in order in one transaction and returns each one’s rows', async () => {
    const [inserted, read] = await transactionPipeline([
      sql`insert into ${organization} (id, name, slug) values ('org_p1', 'Piped', 'piped') returning id`,
      named('org_p1'),
    ]);
    expect(inserted).toEqual([{ id: 'org_p1' }]);
    // The second statement saw the first one's row: same transaction, run after it.
    expect(read).toEqual([{ name: 'Piped' }]);
  });

  it('rolls every statement back when one fails, and throws its error', async () => {
    const error = await transactionPipeline([
      sql`insert into ${organization} (id, name, slug) values ('org_p2', 'Kept?', 'kept')`,
      sql`select 1 / 0`,
    ]).catch((e: unknown) => e);
    // The driver's error, or the ORM's wrapping it (`cause`).
    const messages: string[] = [];
    for (
      let e = error as { message?: string; cause?: unknown } | undefined;
      e;
      e = e.cause as typeof e
    )
      messages.push(String(e.message));
    expect(messages.join(' / ')).toMatch(/division by zero/);
    expect(await db.select().from(organization).where(eq(organization.id, 'org_p2'))).toEqual([]);
  });

  it('answers the same statements run again with other values, a failed run between them', async () => {
    await db.insert(organization).values([
      { id: 'org_pa', name: 'Piped A', slug: 'piped-a' },
      { id: 'org_pb', name: 'Piped B', slug: 'piped-b' },
    ]);
    // More runs than the pool has connections, so each connection meets the statements again.
    for (let i = 0; i < 24; i++) {
      const id = i % 2 ? 'org_pa' : 'org_pb';
      if (i === 7) {
        const failed = await transactionPipeline([named(id), sql`select 1 / ${0}::int`]).catch(
          (e: unknown) => e,
        );
        expect(failed).toBeInstanceOf(Error);
        continue;
      }
      const [first, second] = await transactionPipeline([named(id), named('org_pa')]);
      expect([first, second]).toEqual([
        [{ name: i % 2 ? 'Piped A' : 'Piped B' }],
        [{ name: 'Piped A' }],
      ]);
    }
  });

  it('joins the transaction it runs in: rolled back with it', async () => {
    const outcome = await db
      .transaction(async () => {
        await transactionPipeline([
          sql`insert into ${organization} (id, name, slug) values ('org_p3', 'Inner', 'inner')`,
        ]);
        expect(rowsOf(await db.execute(named('org_p3')))).toHaveLength(1);
        throw new Error('outer fails');
      })
      .catch((e: Error) => e.message);
    expect(outcome).toBe('outer fails');
    expect(await db.select().from(organization).where(eq(organization.id, 'org_p3'))).toEqual([]);
  });
});

describe('executePrepared', () => {
  it('answers each call with its own parameters, and sees the transaction it runs in', async () => {
    await db.insert(organization).values([
      { id: 'org_prep1', name: 'Prepared One', slug: 'prepared-one' },
      { id: 'org_prep2', name: 'Prepared Two', slug: 'prepared-two' },
    ]);
    const nameOf = (id: string) =>
      executePrepared<{ name: string }>(sql`select name from organization where id = ${id}`);
    // More calls than PostgreSQL's custom plans before a generic one (five).
    for (let i = 0; i < 7; i++) {
      expect(await nameOf(i % 2 ? 'org_prep1' : 'org_prep2')).toEqual([
        { name: i % 2 ? 'Prepared One' : 'Prepared Two' },
      ]);
    }
    expect(await nameOf('org_none')).toEqual([]);
    await db.transaction(async () => {
      await db
        .insert(organization)
        .values({ id: 'org_prep3', name: 'Uncommitted', slug: 'prep-3' });
      expect(await nameOf('org_prep3')).toEqual([{ name: 'Uncommitted' }]);
    });
  });
});
