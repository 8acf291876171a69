import { db, invitation, member, organizationActivity, user } from '@kit/database';
import { currentRoles } from '@kit/organization';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, type TestClient } from './testing/client';
import {
  emailsTo,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

const { app } = createTestKit();

let owner: TestClient;
let org: OrgView;
let viewer: JoinedMember;
let outsider: TestClient;
/** A role that may not manage invitations, whatever the role set calls it. */
let viewerRole: string;

/** Members written straight to the database: listing is what is under test, not joining. */
async function addMembers(orgId: string, people: { name: string; email: string }[]) {
  const role = currentRoles().defaultRole;
  for (const [i, person] of people.entries()) {
    const userId = randomUUID();
    await db.insert(user).values({ id: userId, ...person, emailVerified: true });
    await db.insert(member).values({
      id: randomUUID(),
      organizationId: orgId,
      userId,
      role,
      createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
    });
  }
}

async function invite(email: string, role = currentRoles().defaultRole) {
  const response = await owner.post(`/api/organizations/${org.id}/invitations`, { email, role });
  expect(response.status).toBe(201);
  return response.body.invitation.id as string;
}

async function expire(id: string) {
  await db
    .update(invitation)
    .set({ expiresAt: new Date(Date.now() - 60_000) })
    .where(eq(invitation.id, id));
}

async function statusOf(id: string) {
  const [row] = await db.select().from(invitation).where(eq(invitation.id, id));
  return row?.status;
}

const path = (suffix: string) => `/api/organizations/${org.id}${suffix}`;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'People Co'));
  await unlimitedSeats(org.id);
  const roles = currentRoles();
  viewerRole = roles.ids.find((r) => !roles.can(r, { invitation: ['create'] }))!;
  viewer = await joinAs(app, owner, org.id, viewerRole, 'viewer');
  outsider = await signUpVerified(app, { name: 'Outsider', email: uniqueEmail('outsider') });
  await addMembers(
    org.id,
    Array.from({ length: 30 }, (_, i) => ({
      name: `Person ${String(i).padStart(2, '0')}`,
      email: `person${String(i).padStart(2, '0')}@people.test`,
    })),
  );
  await addMembers(org.id, [
    { name: 'Zoë 100%_Match', email: 'zoe@people.test' },
    { name: 'ALICE Cooper', email: 'alice@elsewhere.test' },
  ]);
});

describe('GET members: search, sort, pages', () => {
  it('pages with a total and keeps every member exactly once across pages', async () => {
    const seen: string[] = [];
    let total = 0;
    for (let offset = 0; ; offset += 10) {
      const page = await owner.get(path(`/members?sort=name&limit=10&offset=${offset}`));
      expect(page.status).toBe(200);
      total = page.body.total;
      expect(page.body).toMatchObject({ limit: 10, offset });
      seen.push(...page.body.members.map((m: { email: string }) => m.email));
      if (page.body.members.length < 10) break;
    }
    expect(total).toBe(34); // owner, viewer, 30 people, Zoë, Alice
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
    const past = await owner.get(path('/members?offset=500'));
    expect(past.body).toMatchObject({ members: [], total: 34, offset: 500 });
  });

  it('searches name or email case-insensitively, with % and _ taken literally', async () => {
    const byName = await owner.get(path('/members?q=alice'));
    expect(byName.body.members.map((m: { email: string }) => m.email)).toEqual([
      'alice@elsewhere.test',
    ]);
    expect(byName.body.total).toBe(1);
    const byEmail = await owner.get(path('/members?q=PERSON0&sort=email'));
    expect(byEmail.body.total).toBe(10);
    expect(byEmail.body.members[0].email).toBe('person00@people.test');
    const literal = await owner.get(path(`/members?q=${encodeURIComponent('100%_')}`));
    expect(literal.body.members.map((m: { name: string }) => m.name)).toEqual(['Zoë 100%_Match']);
    const wildcard = await owner.get(path(`/members?q=${encodeURIComponent('%')}`));
    expect(wildcard.body.total).toBe(1);
  });

  it('sorts by name, email, role and join date in either direction', async () => {
    const names = async (query: string) =>
      (await owner.get(path(`/members?limit=100&${query}`))).body.members.map(
        (m: { name: string }) => m.name,
      ) as string[];
    const asc = await names('sort=name&order=asc');
    expect(asc).toEqual(
      [...asc].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')),
    );
    expect(await names('sort=name&order=desc')).toEqual([...asc].reverse());
    const joined = (await owner.get(path('/members?sort=joined&order=desc&limit=100'))).body
      .members as { joinedAt: string }[];
    const times = joined.map((m) => Date.parse(m.joinedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byRole = (await owner.get(path('/members?sort=role&limit=100'))).body.members as {
      role: string;
    }[];
    const ranks = byRole.map((m) => currentRoles().ids.indexOf(m.role));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(currentRoles().isOwner(byRole[0]!.role)).toBe(true);
  });

  it('refuses bad parameters with 400 VALIDATION_ERROR', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=ten',
      'offset=-1',
      'sort=password',
      'order=up',
      `q=${'x'.repeat(201)}`,
      'unknown=1',
    ]) {
      const response = await owner.get(path(`/members?${query}`));
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
  });

  it('answers 404 to non-members and lists for any member', async () => {
    const refused = await outsider.get(path('/members?q=person'));
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({
      error: { code: 'ORGANIZATION_NOT_FOUND', message: expect.any(String) },
    });
    const allowed = await viewer.client.get(path('/members?limit=1'));
    expect(allowed.status).toBe(200);
    expect(allowed.body.total).toBe(34);
  });
});

describe('GET invitations: offset pages, expired state', () => {
  let expiredId: string;
  let pendingIds: string[];

  beforeAll(async () => {
    pendingIds = [];
    for (let i = 0; i < 12; i++) pendingIds.push(await invite(`inv${i}@invited.test`));
    expiredId = await invite('stale@invited.test');
    await expire(expiredId);
  });

  it('keeps expired rows out of Pending and its count, and lists them as expired', async () => {
    const pending = await owner.get(path('/invitations?status=pending&offset=0&limit=5'));
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({
      total: 12,
      limit: 5,
      offset: 0,
      counts: { pending: 12, expired: 1 },
    });
    expect(pending.body.invitations).toHaveLength(5);
    expect(pending.body.invitations.map((i: { id: string }) => i.id)).not.toContain(expiredId);
    const expired = await owner.get(path('/invitations?status=expired&offset=0'));
    expect(expired.body.total).toBe(1);
    expect(expired.body.invitations[0]).toMatchObject({ id: expiredId, status: 'expired' });
    const seats = await owner.get(path('/seats'));
    expect(seats.body.pending).toBe(12);
  });

  it('searches and sorts invitations, and refreshes given ids only', async () => {
    const search = await owner.get(path('/invitations?status=pending&q=INV1&sort=email'));
    expect(search.body.invitations.map((i: { email: string }) => i.email)).toEqual([
      'inv10@invited.test',
      'inv11@invited.test',
      'inv1@invited.test',
    ]);
    expect(search.body.counts).toEqual({ pending: 3, expired: 0 });
    const desc = await owner.get(path('/invitations?status=pending&sort=email&order=desc&limit=1'));
    expect(desc.body.invitations[0].email).toBe('inv9@invited.test');
    const ids = pendingIds.slice(0, 2).join(',');
    const some = await owner.get(path(`/invitations?status=all&ids=${ids}`));
    expect(some.body.invitations.map((i: { id: string }) => i.id).sort()).toEqual(
      pendingIds.slice(0, 2).sort(),
    );
  });

  it('refuses bad parameters, outsiders and roles that may not invite', async () => {
    for (const query of [
      'status=stale',
      'sort=token',
      'offset=x',
      'limit=101&offset=0',
      'ids=' + encodeURIComponent("a'b"),
      'cursor=abc&offset=1',
    ]) {
      const response = await owner.get(path(`/invitations?${query}`));
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
    expect((await outsider.get(path('/invitations?offset=0'))).status).toBe(404);
    const forbidden = await viewer.client.get(path('/invitations?offset=0'));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
  });
});

describe('expired invitations: send a new one, or remove', () => {
  it('renews an expired invitation as a new one with the same role and a new link', async () => {
    const roles = currentRoles();
    const role =
      roles.ids.find((r) => !roles.isOwner(r) && r !== roles.defaultRole) ?? roles.defaultRole;
    const email = uniqueEmail('renew');
    const old = await invite(email, role);
    await expire(old);
    // The stored status is 'expired' once a write has noticed, as after a failed resend.
    await db.update(invitation).set({ status: 'expired' }).where(eq(invitation.id, old));
    const renewed = await owner.post(path(`/invitations/${old}/renew`));
    expect(renewed.status).toBe(201);
    expect(renewed.body.invitation).toMatchObject({ email, role, status: 'pending' });
    expect(await statusOf(old)).toBe('replaced');
    // Its activity entry says where it came from: a resend, not a new invitation from the form.
    const [created] = await db
      .select({ data: organizationActivity.data })
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, renewed.body.invitation.id),
          eq(organizationActivity.action, 'invitation.created'),
        ),
      );
    expect(created?.data).toMatchObject({ role, source: 'resend' });
    const emails = await emailsTo(email);
    expect(emails).toHaveLength(2);
    const expired = await owner.get(path(`/invitations?status=expired&q=${email}`));
    expect(expired.body.total).toBe(0);
    const again = await owner.post(path(`/invitations/${old}/renew`));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVITATION_NOT_PENDING');
  });

  it('renews all or nothing: when the old row cannot be marked replaced, no new invitation or email stays', async () => {
    const email = uniqueEmail('renew-atomic');
    const old = await invite(email);
    await expire(old);
    const before = await organizationSnapshot();
    // The database refuses the last step of the renewal (marking the old row replaced).
    await db.execute(sql`
      create or replace function refuse_replacing() returns trigger language plpgsql as $$
      begin
        if new.status = 'replaced' and new.id = ${sql.raw(`'${old}'`)} then
          raise exception 'replacing refused for this test';
        end if;
        return new;
      end $$`);
    await db.execute(sql`
      create trigger refuse_replacing before update on invitation
      for each row execute function refuse_replacing()`);
    try {
      const renewed = await owner.post(path(`/invitations/${old}/renew`));
      expect(renewed.status).toBe(500);
    } finally {
      await db.execute(sql`drop trigger refuse_replacing on invitation`);
      await db.execute(sql`drop function refuse_replacing()`);
    }
    const rows = await db.select().from(invitation).where(eq(invitation.email, email));
    expect(rows.map((r) => ({ id: r.id, status: r.status }))).toEqual([
      { id: old, status: 'pending' },
    ]);
    expect(await emailsTo(email)).toHaveLength(1);
    expect(await organizationSnapshot()).toEqual(before);
    // Nothing is left half-done: the renewal works once the database accepts it.
    const again = await owner.post(path(`/invitations/${old}/renew`));
    expect(again.status).toBe(201);
    expect(await statusOf(old)).toBe('replaced');
  });

  it('refuses to renew a pending invitation, and renews nothing for outsiders or viewers', async () => {
    const pending = await invite(uniqueEmail('still-pending'));
    const refused = await owner.post(path(`/invitations/${pending}/renew`));
    expect(refused.status).toBe(409);
    const stale = await invite(uniqueEmail('stale'));
    await expire(stale);
    const before = await organizationSnapshot();
    expect((await outsider.post(path(`/invitations/${stale}/renew`))).status).toBe(404);
    expect((await viewer.client.post(path(`/invitations/${stale}/renew`))).status).toBe(403);
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('removes expired invitations in a batch, and only expired ones', async () => {
    const stale = await invite(uniqueEmail('remove-me'));
    await expire(stale);
    const live = await invite(uniqueEmail('keep-me'));
    const response = await owner.post(path('/invitations/batch'), {
      action: 'remove',
      ids: [stale, live],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ action: 'remove', succeeded: 1, failed: 1 });
    expect(response.body.results).toEqual([
      { id: stale, ok: true, invitation: expect.objectContaining({ status: 'canceled' }) },
      {
        id: live,
        ok: false,
        error: expect.objectContaining({ code: 'INVITATION_NOT_PENDING', status: 409 }),
      },
    ]);
    expect(await statusOf(stale)).toBe('canceled');
    expect(await statusOf(live)).toBe('pending');
  });
});

describe('POST invitations/batch', () => {
  it('resends several pending invitations, each with a new link, and reports each', async () => {
    const emails = [uniqueEmail('bulk-a'), uniqueEmail('bulk-b')];
    const ids = [await invite(emails[0]!), await invite(emails[1]!)];
    const response = await owner.post(path('/invitations/batch'), {
      action: 'resend',
      ids: [...ids, 'no-such-invitation'],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ action: 'resend', succeeded: 2, failed: 1 });
    expect(response.body.results[2]).toEqual({
      id: 'no-such-invitation',
      ok: false,
      error: expect.objectContaining({ code: 'INVITATION_NOT_FOUND', status: 404 }),
    });
    for (const [i, id] of ids.entries()) {
      expect(await statusOf(id)).toBe('replaced');
      expect(response.body.results[i]).toMatchObject({
        id,
        ok: true,
        invitation: { email: emails[i], status: 'pending' },
      });
      expect(await emailsTo(emails[i]!)).toHaveLength(2);
    }
  });

  it('cancels several pending invitations at once', async () => {
    const ids = [await invite(uniqueEmail('cancel-a')), await invite(uniqueEmail('cancel-b'))];
    const response = await owner.post(path('/invitations/batch'), { action: 'cancel', ids });
    expect(response.body).toMatchObject({ succeeded: 2, failed: 0 });
    for (const id of ids) expect(await statusOf(id)).toBe('canceled');
  });

  it('refuses bad bodies, outsiders and roles without the permission, changing nothing', async () => {
    const id = await invite(uniqueEmail('untouched'));
    const before = await organizationSnapshot();
    for (const body of [
      { action: 'resend', ids: [] },
      { action: 'resend', ids: Array.from({ length: 101 }, (_, i) => `id${i}`) },
      { action: 'explode', ids: [id] },
      { action: 'cancel', ids: [id], extra: true },
      { action: 'cancel', ids: ['bad id!'] },
      { ids: [id] },
    ]) {
      const response = await owner.post(path('/invitations/batch'), body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
    const outside = await outsider.post(path('/invitations/batch'), {
      action: 'cancel',
      ids: [id],
    });
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    const viewerCall = await viewer.client.post(path('/invitations/batch'), {
      action: 'cancel',
      ids: [id],
    });
    expect(viewerCall.status).toBe(403);
    expect(viewerCall.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await organizationSnapshot()).toEqual(before);
    expect(await statusOf(id)).toBe('pending');
  });

  it('cannot touch another organization’s invitations', async () => {
    const other = await ownerWithOrg(app, 'Other People');
    const id = await invite(uniqueEmail('mine'));
    const response = await other.owner.post(
      `/api/organizations/${other.org.id}/invitations/batch`,
      { action: 'cancel', ids: [id] },
    );
    expect(response.body.results[0]).toMatchObject({
      ok: false,
      error: { code: 'INVITATION_NOT_FOUND' },
    });
    const [row] = await db
      .select({ status: invitation.status })
      .from(invitation)
      .where(and(eq(invitation.id, id), eq(invitation.organizationId, org.id)));
    expect(row?.status).toBe('pending');
  });
});
