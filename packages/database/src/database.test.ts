import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './testing';
import {
  currentExecutor,
  DatabaseNotConfiguredError,
  db,
  isUniqueViolation,
  organization,
  pingDatabase,
  runWithDatabase,
  subscription,
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
