import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db, organization, rowsOf, user, type Executor } from './index';

/**
 * The references of invitations and activity entries (their organization; the inviter or
 * actor) are checked per statement by triggers instead of foreign keys (drizzle/0009): what a
 * caller sees must be what the foreign keys gave.
 */

/** The driver's error (the ORM may wrap it as `cause`); drivers name the constraint differently. */
function databaseError(error: unknown): { code: string; constraint?: string; detail?: string } {
  for (let e = error as Record<string, unknown> | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code !== 'string') continue;
    return {
      code: e.code,
      constraint: (e.constraint_name ?? e.constraint) as string | undefined,
      detail: e.detail as string | undefined,
    };
  }
  throw new Error(`not a database error: ${String(error)}`);
}

/** Two people and two organizations, named after the test. */
async function seed(prefix: string) {
  await db.insert(user).values([
    { id: `${prefix}_ann`, name: 'Ann', email: `${prefix}.ann@example.com` },
    { id: `${prefix}_bob`, name: 'Bob', email: `${prefix}.bob@example.com` },
  ]);
  await db.insert(organization).values([
    { id: `${prefix}_acme`, name: 'Acme', slug: `${prefix}-acme` },
    { id: `${prefix}_beta`, name: 'Beta', slug: `${prefix}-beta` },
  ]);
}

const invitationRow = (id: string, organizationId: string, inviterId: string | null) =>
  sql`(${id}, ${organizationId}, ${`${id}@example.com`}, ${inviterId}, ${`hash_${id}`}, now() + interval '7 days')`;

const insertInvitations = (exec: Executor, rows: ReturnType<typeof invitationRow>[]) =>
  exec.execute(sql`
    insert into invitation (id, organization_id, email, inviter_id, token_hash, expires_at)
    values ${sql.join(rows, sql`, `)}`);

const activityRow = (id: string, organizationId: string, actorId: string | null) =>
  sql`(${id}, ${organizationId}, ${actorId}, 'invitation.created', 'invitation')`;

const insertActivity = (exec: Executor, rows: ReturnType<typeof activityRow>[]) =>
  exec.execute(sql`
    insert into organization_activity (id, organization_id, actor_id, action, target_type)
    values ${sql.join(rows, sql`, `)}`);

const count = async (query: ReturnType<typeof sql>) =>
  Number(
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from (${query}) q`))[0]!.n,
  );

const invitationsOf = (organizationId: string) =>
  sql`select id from invitation where organization_id = ${organizationId}`;
const activityOf = (organizationId: string) =>
  sql`select id from organization_activity where organization_id = ${organizationId}`;

describe('references of invitations and activity entries', () => {
  it.each([
    {
      what: 'an invitation to a missing organization',
      insert: (p: string) =>
        insertInvitations(db, [
          invitationRow(`${p}_i1`, `${p}_acme`, `${p}_ann`),
          invitationRow(`${p}_i2`, `${p}_gone`, `${p}_ann`),
        ]),
      prefix: 'ref1',
      constraint: 'invitation_organization_id_organization_id_fk',
      key: 'organization_id',
    },
    {
      what: 'an invitation from a missing person',
      insert: (p: string) =>
        insertInvitations(db, [
          invitationRow(`${p}_i1`, `${p}_acme`, `${p}_ann`),
          invitationRow(`${p}_i2`, `${p}_acme`, `${p}_gone`),
        ]),
      prefix: 'ref2',
      constraint: 'invitation_inviter_id_user_id_fk',
      key: 'inviter_id',
    },
    {
      what: 'an activity entry of a missing organization',
      insert: (p: string) =>
        insertActivity(db, [
          activityRow(`${p}_a1`, `${p}_acme`, `${p}_ann`),
          activityRow(`${p}_a2`, `${p}_gone`, null),
        ]),
      prefix: 'ref3',
      constraint: 'organization_activity_organization_id_organization_id_fk',
      key: 'organization_id',
    },
    {
      what: 'an activity entry by a missing person',
      insert: (p: string) =>
        insertActivity(db, [
          activityRow(`${p}_a1`, `${p}_acme`, `${p}_ann`),
          activityRow(`${p}_a2`, `${p}_acme`, `${p}_gone`),
        ]),
      prefix: 'ref4',
      constraint: 'organization_activity_actor_id_user_id_fk',
      key: 'actor_id',
    },
  ])('refuses $what like a foreign key, storing no row of the statement', async (c) => {
    const p = c.prefix;
    await seed(p);
    const error = databaseError(await c.insert(p).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: '23503', constraint: c.constraint });
    expect(error.detail).toBe(
      `Key (${c.key})=(${p}_gone) is not present in table "${c.key === 'organization_id' ? 'organization' : 'user'}".`,
    );
    expect(await count(invitationsOf(`${p}_acme`))).toBe(0);
    expect(await count(activityOf(`${p}_acme`))).toBe(0);
  });

  it('stores rows whose references exist, with or without an inviter or actor', async () => {
    await seed('ok');
    await insertInvitations(db, [
      invitationRow('ok_i1', 'ok_acme', 'ok_ann'),
      invitationRow('ok_i2', 'ok_acme', null),
      invitationRow('ok_i3', 'ok_beta', 'ok_bob'),
    ]);
    await insertActivity(db, [
      activityRow('ok_a1', 'ok_acme', 'ok_ann'),
      activityRow('ok_a2', 'ok_beta', null),
    ]);
    expect(await count(invitationsOf('ok_acme'))).toBe(2);
    expect(await count(activityOf('ok_beta'))).toBe(1);
  });

  it('refuses an update that points a reference at a missing row, and allows clearing one', async () => {
    await seed('upd');
    await insertInvitations(db, [invitationRow('upd_i1', 'upd_acme', 'upd_ann')]);
    await insertActivity(db, [activityRow('upd_a1', 'upd_acme', 'upd_ann')]);
    const attempts = [
      sql`update invitation set inviter_id = 'upd_gone' where id = 'upd_i1'`,
      sql`update invitation set organization_id = 'upd_gone' where id = 'upd_i1'`,
      sql`update organization_activity set actor_id = 'upd_gone' where id = 'upd_a1'`,
      sql`update organization_activity set organization_id = 'upd_gone' where id = 'upd_a1'`,
    ];
    for (const attempt of attempts)
      expect(databaseError(await db.execute(attempt).catch((e: unknown) => e)).code).toBe('23503');
    await db.execute(sql`update invitation set inviter_id = 'upd_bob' where id = 'upd_i1'`);
    await db.execute(sql`update organization_activity set actor_id = null where id = 'upd_a1'`);
    const [row] = rowsOf<{ inviter_id: string; actor_id: string | null }>(
      await db.execute(sql`
        select i.inviter_id, a.actor_id from invitation i, organization_activity a
        where i.id = 'upd_i1' and a.id = 'upd_a1'`),
    );
    expect(row).toEqual({ inviter_id: 'upd_bob', actor_id: null });
  });

  it('deletes the invitations and activity of deleted organizations, and only theirs', async () => {
    await seed('del');
    await db.insert(organization).values({ id: 'del_kept', name: 'Kept', slug: 'del-kept' });
    for (const org of ['del_acme', 'del_beta', 'del_kept']) {
      await insertInvitations(db, [invitationRow(`${org}_i`, org, 'del_ann')]);
      await insertActivity(db, [activityRow(`${org}_a`, org, 'del_ann')]);
    }
    // Two organizations in one statement.
    await db.execute(sql`delete from organization where id in ('del_acme', 'del_beta')`);
    for (const org of ['del_acme', 'del_beta']) {
      expect(await count(invitationsOf(org))).toBe(0);
      expect(await count(activityOf(org))).toBe(0);
    }
    expect(await count(invitationsOf('del_kept'))).toBe(1);
    expect(await count(activityOf('del_kept'))).toBe(1);
  });

  it('clears deleted accounts as inviter and actor, keeping the rows and everyone else', async () => {
    await seed('acct');
    await db.insert(user).values({ id: 'acct_cy', name: 'Cy', email: 'acct.cy@example.com' });
    await insertInvitations(db, [
      invitationRow('acct_i1', 'acct_acme', 'acct_ann'),
      invitationRow('acct_i2', 'acct_acme', 'acct_bob'),
      invitationRow('acct_i3', 'acct_beta', 'acct_cy'),
    ]);
    await insertActivity(db, [
      activityRow('acct_a1', 'acct_acme', 'acct_ann'),
      activityRow('acct_a2', 'acct_beta', 'acct_bob'),
      activityRow('acct_a3', 'acct_beta', 'acct_cy'),
    ]);
    await db.execute(sql`delete from "user" where id in ('acct_ann', 'acct_bob')`);
    const inviters = rowsOf<{ id: string; inviter_id: string | null }>(
      await db.execute(
        sql`select id, inviter_id from invitation where id like 'acct_%' order by id`,
      ),
    );
    expect(inviters).toEqual([
      { id: 'acct_i1', inviter_id: null },
      { id: 'acct_i2', inviter_id: null },
      { id: 'acct_i3', inviter_id: 'acct_cy' },
    ]);
    const actors = rowsOf<{ id: string; actor_id: string | null }>(
      await db.execute(
        sql`select id, actor_id from organization_activity where id like 'acct_%' order by id`,
      ),
    );
    expect(actors).toEqual([
      { id: 'acct_a1', actor_id: null },
      { id: 'acct_a2', actor_id: null },
      { id: 'acct_a3', actor_id: 'acct_cy' },
    ]);
  });

  it('refuses to delete an organization or an account at REPEATABLE READ, deleting nothing', async () => {
    await seed('rr');
    await insertInvitations(db, [invitationRow('rr_i1', 'rr_acme', 'rr_ann')]);
    for (const deletion of [
      sql`delete from organization where id = 'rr_acme'`,
      sql`delete from "user" where id = 'rr_ann'`,
    ]) {
      const error = await db
        .transaction(async (tx) => {
          await tx.execute(sql`set transaction isolation level repeatable read`);
          await tx.execute(deletion);
        })
        .catch((e: unknown) => e);
      expect(databaseError(error).code).toBe('0A000');
    }
    expect(await count(sql`select id from organization where id = 'rr_acme'`)).toBe(1);
    expect(await count(sql`select id from invitation where inviter_id = 'rr_ann'`)).toBe(1);
    // A statement that deletes no row has nothing to cascade, at any level.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      await tx.execute(sql`delete from organization where id = 'rr_none'`);
    });
  });
});

/** Resolves once another connection of this database waits for a lock. */
async function someoneWaitsForALock() {
  for (let i = 0; i < 500; i++) {
    const waiting = await count(sql`
      select pid from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`);
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no connection waited for a lock');
}

/** A transaction left open until `commit()` is called. */
function openTransaction(work: (tx: Executor) => Promise<unknown>) {
  let commit!: () => void;
  const committed = new Promise<void>((resolve) => (commit = resolve));
  let ready!: () => void;
  const worked = new Promise<void>((resolve) => (ready = resolve));
  const done = db.transaction(async (tx) => {
    await work(tx);
    ready();
    await committed;
  });
  return { worked, commit, done };
}

// Two connections at once: a PostgreSQL server (PGlite has one).
describe.runIf(process.env.DATABASE_URL)('references under concurrent deletion', () => {
  it('a deletion waits for the transaction inserting rows that name it, then removes them', async () => {
    await seed('race1');
    const inserting = openTransaction(async (tx) => {
      await insertInvitations(tx, [invitationRow('race1_i1', 'race1_acme', 'race1_ann')]);
      await insertActivity(tx, [activityRow('race1_a1', 'race1_acme', 'race1_ann')]);
    });
    await inserting.worked;
    const deleting = db.transaction(async (tx) => {
      await tx.execute(sql`delete from organization where id = 'race1_acme'`);
      await tx.execute(sql`delete from "user" where id = 'race1_ann'`);
    });
    await someoneWaitsForALock();
    inserting.commit();
    await Promise.all([inserting.done, deleting]);
    // No row names the deleted organization or person.
    expect(await count(invitationsOf('race1_acme'))).toBe(0);
    expect(await count(activityOf('race1_acme'))).toBe(0);
    expect(
      await count(sql`
        select id from invitation where inviter_id = 'race1_ann'
        union all select id from organization_activity where actor_id = 'race1_ann'`),
    ).toBe(0);
  });

  it('an insert naming a row another transaction is deleting waits, then fails', async () => {
    await seed('race2');
    const deleting = openTransaction((tx) =>
      tx.execute(sql`delete from organization where id = 'race2_acme'`),
    );
    await deleting.worked;
    const inserting = insertInvitations(db, [
      invitationRow('race2_i1', 'race2_acme', 'race2_ann'),
    ]).catch((e: unknown) => e);
    await someoneWaitsForALock();
    deleting.commit();
    await deleting.done;
    expect(databaseError(await inserting)).toMatchObject({
      code: '23503',
      constraint: 'invitation_organization_id_organization_id_fk',
    });
    expect(await count(invitationsOf('race2_acme'))).toBe(0);
  });
});
