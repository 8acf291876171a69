import { db, invitation, member, organizationActivity, user } from '@kit/database';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient, type TestResponse } from './testing/client';
import {
  emailsTo,
  invitationToken,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

const { app } = createTestKit();

let owner: TestClient;
let org: OrgView;
let admin: JoinedMember;
let regular: JoinedMember;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Edge Cases Inc'));
  await unlimitedSeats(org.id);
  admin = await joinAs(app, owner, org.id, 'admin', 'edge-admin');
  regular = await joinAs(app, owner, org.id, 'member', 'edge-member');
});

afterEach(() => {
  vi.restoreAllMocks();
});

const invitationsPath = () => `/api/organizations/${org.id}/invitations`;
const rowsFor = (email: string) => db.select().from(invitation).where(eq(invitation.email, email));
const rowById = async (id: string) =>
  (await db.select().from(invitation).where(eq(invitation.id, id)))[0];

async function invite(email: string, role = 'member', as = owner) {
  const response = await as.post(invitationsPath(), { email, role });
  expect(response.status).toBe(201);
  return { id: response.body.invitation.id as string, token: await invitationToken(email) };
}

async function listed(status: string) {
  const response = await owner.get(`${invitationsPath()}?status=${status}`);
  expect(response.status).toBe(200);
  return (response.body.invitations as Array<{ id: string; status: string }>).map((i) => i.id);
}

describe('links that cannot be used', () => {
  it('answers 404 INVITATION_NOT_FOUND for an unknown or malformed token on every invitee route', async () => {
    const signedIn = await signUpVerified(app, {
      name: 'Stranger',
      email: uniqueEmail('stranger'),
    });
    for (const token of ['A'.repeat(43), 'short', 'has spaces and !!']) {
      const path = `/api/invitations/${encodeURIComponent(token)}`;
      for (const response of [
        await testClient(app).get(path),
        await signedIn.post(`${path}/accept`),
        await testClient(app).post(`${path}/decline`),
        await testClient(app).post(`${path}/sign-up`, {
          name: 'X',
          password: 'long-enough-password',
        }),
      ]) {
        expect(response.status).toBe(404);
        expect(response.body).toEqual({
          error: {
            code: 'INVITATION_NOT_FOUND',
            message: expect.any(String),
            remediation: expect.any(String),
          },
        });
      }
    }
  });

  it('an expired invitation answers 410 everywhere, is listed as expired, and the email can be invited again', async () => {
    const email = uniqueEmail('late');
    const invitee = await signUpVerified(app, { name: 'Late', email });
    const { id, token } = await invite(email);
    await db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invitation.id, id));

    const preview = await testClient(app).get(`/api/invitations/${token}`);
    expect(preview.status).toBe(410);
    expect(preview.body.error).toMatchObject({
      code: 'INVITATION_EXPIRED',
      remediation: expect.any(String),
      details: { status: 'expired', organizationName: 'Edge Cases Inc', email },
    });
    for (const response of [
      await invitee.post(`/api/invitations/${token}/accept`),
      await testClient(app).post(`/api/invitations/${token}/decline`),
    ]) {
      expect(response.status).toBe(410);
      expect(response.body.error.code).toBe('INVITATION_EXPIRED');
    }
    const inviteeId = (await db.select().from(user).where(eq(user.email, email)))[0]!.id;
    expect(await db.select().from(member).where(eq(member.userId, inviteeId))).toEqual([]);
    expect(await listed('expired')).toContain(id);
    expect(await listed('pending')).not.toContain(id);
    expect(await listed('pending,expired')).toContain(id);

    const again = await owner.post(invitationsPath(), { email });
    expect(again.status).toBe(201);
    expect((await rowById(id))!.status).toBe('expired');
    const fresh = await invitationToken(email);
    expect(fresh).not.toBe(token);
    expect((await invitee.post(`/api/invitations/${fresh}/accept`)).status).toBe(200);
    // The old link still says expired, not accepted.
    expect((await testClient(app).get(`/api/invitations/${token}`)).body.error.code).toBe(
      'INVITATION_EXPIRED',
    );
  });

  it('a declined invitation answers 410 INVITATION_DECLINED and is recorded', async () => {
    const email = uniqueEmail('decliner');
    const membersBefore = await db.select().from(member).where(eq(member.organizationId, org.id));
    const { id, token } = await invite(email);
    const preview = await testClient(app).get(`/api/invitations/${token}`);
    const declined = await testClient(app).post(`/api/invitations/${token}/decline`);
    expect(declined.status).toBe(200);
    // A link holder learns what the public preview shows, no more.
    expect(declined.body).toEqual({ status: 'declined', invitation: preview.body });
    expect((await rowById(id))!.status).toBe('declined');
    expect(await listed('declined')).toContain(id);

    const invitee = await signUpVerified(app, { name: 'Decliner', email });
    for (const response of [
      await testClient(app).get(`/api/invitations/${token}`),
      await invitee.post(`/api/invitations/${token}/accept`),
      await testClient(app).post(`/api/invitations/${token}/decline`),
    ]) {
      expect(response.status).toBe(410);
      expect(response.body.error.code).toBe('INVITATION_DECLINED');
    }
    const activity = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, id),
          eq(organizationActivity.action, 'invitation.declined'),
        ),
      );
    expect(activity).toHaveLength(1);
    expect(await db.select().from(member).where(eq(member.organizationId, org.id))).toEqual(
      membersBefore,
    );
  });

  it('accepting twice joins once; the second answer is 410 INVITATION_ALREADY_ACCEPTED', async () => {
    const email = uniqueEmail('twice');
    const invitee = await signUpVerified(app, { name: 'Twice', email });
    const { token } = await invite(email, 'admin');
    const first = await invitee.post(`/api/invitations/${token}/accept`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ organization: { id: org.id }, member: { role: 'admin' } });
    const second = await invitee.post(`/api/invitations/${token}/accept`);
    expect(second.status).toBe(410);
    expect(second.body.error.code).toBe('INVITATION_ALREADY_ACCEPTED');
    const signUp = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Again',
      password: 'long-enough-password',
    });
    expect(signUp.status).toBe(410);
    const userId = (await db.select().from(user).where(eq(user.email, email)))[0]!.id;
    expect(await db.select().from(member).where(eq(member.userId, userId))).toHaveLength(1);
    // Now a member: a new invitation is refused.
    const reinvite = await owner.post(invitationsPath(), { email });
    expect(reinvite.status).toBe(409);
    expect(reinvite.body.error.code).toBe('ALREADY_MEMBER');
  });
});

describe('managing invitations', () => {
  it('resending or canceling anything but a pending invitation is 409 INVITATION_NOT_PENDING', async () => {
    const canceled = await invite(uniqueEmail('was-canceled'));
    expect((await owner.delete(`${invitationsPath()}/${canceled.id}`)).status).toBe(200);
    const declined = await invite(uniqueEmail('was-declined'));
    expect((await testClient(app).post(`/api/invitations/${declined.token}/decline`)).status).toBe(
      200,
    );
    const replaced = await invite(uniqueEmail('was-replaced'));
    const resent = await owner.post(`${invitationsPath()}/${replaced.id}/resend`);
    expect(resent.status).toBe(200);
    const acceptedEmail = uniqueEmail('was-accepted');
    const accepted = await invite(acceptedEmail);
    expect(
      (
        await testClient(app).post(`/api/invitations/${accepted.token}/sign-up`, {
          name: 'Acc',
          password: 'long-enough-password',
        })
      ).status,
    ).toBe(201);

    const countBefore = (await db.select({ n: sql<number>`count(*)::int` }).from(invitation))[0]!.n;
    for (const [status, id] of [
      ['canceled', canceled.id],
      ['declined', declined.id],
      ['replaced', replaced.id],
      ['accepted', accepted.id],
    ] as const) {
      for (const response of [
        await owner.post(`${invitationsPath()}/${id}/resend`),
        await owner.delete(`${invitationsPath()}/${id}`),
      ]) {
        expect({ status, http: response.status, code: response.body.error?.code }).toEqual({
          status,
          http: 409,
          code: 'INVITATION_NOT_PENDING',
        });
      }
      expect((await rowById(id))!.status).toBe(status);
    }
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(invitation))[0]!.n).toBe(
      countBefore,
    );
    const unknown = await owner.post(`${invitationsPath()}/no-such-invitation/resend`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('INVITATION_NOT_FOUND');
  });

  it('a member cannot invite, list, resend or cancel (403 INSUFFICIENT_PERMISSIONS)', async () => {
    const email = uniqueEmail('by-member');
    const pending = await invite(uniqueEmail('member-target'));
    for (const response of [
      await regular.client.post(invitationsPath(), { email }),
      await regular.client.get(invitationsPath()),
      await regular.client.post(`${invitationsPath()}/${pending.id}/resend`),
      await regular.client.delete(`${invitationsPath()}/${pending.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    }
    expect(await rowsFor(email)).toEqual([]);
    expect((await rowById(pending.id))!.status).toBe('pending');
  });

  it('an admin cannot invite an owner, nor resend or cancel an owner’s invitation', async () => {
    const email = uniqueEmail('would-be-owner');
    const refused = await admin.client.post(invitationsPath(), { email, role: 'owner' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect(await rowsFor(email)).toEqual([]);
    expect(
      (
        await admin.client.post(invitationsPath(), {
          email: uniqueEmail('peer-admin'),
          role: 'admin',
        })
      ).status,
    ).toBe(201);

    const ownerInvite = await invite(email, 'owner');
    for (const response of [
      await admin.client.post(`${invitationsPath()}/${ownerInvite.id}/resend`),
      await admin.client.delete(`${invitationsPath()}/${ownerInvite.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CANNOT_MODIFY_OWNER');
    }
    expect((await rowById(ownerInvite.id))!.status).toBe('pending');
  });

  it('rejects an invalid email, role or metadata with 400 and stores nothing', async () => {
    const email = uniqueEmail('valid-address');
    const cases: Array<[unknown, string]> = [
      [{ email: 'not-an-email' }, 'email'],
      [{ email: '' }, 'email'],
      [{ role: 'member' }, 'email'],
      [{ email: `${'x'.repeat(250)}@example.test` }, 'email'],
      [{ email, role: 'superuser' }, 'role'],
      [{ email, role: 42 }, 'role'],
      [{ email, metadata: 'text' }, 'metadata'],
      [{ email, metadata: ['a'] }, 'metadata'],
      [{ email, metadata: { blob: 'x'.repeat(9000) } }, 'metadata'],
    ];
    for (const [body, field] of cases) {
      const response = await owner.post(invitationsPath(), body);
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
      expect(response.body.error.details.fields).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    }
    expect(await rowsFor(email)).toEqual([]);
    expect(await emailsTo(email)).toEqual([]);
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const headers = { 'content-type': 'application/json' };
    const create = await owner.request(
      'POST',
      invitationsPath(),
      '{"email": "broken@example.test",',
      { headers },
    );
    expect(create.status).toBe(400);
    expect(create.body).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String) } });
    expect(await rowsFor('broken@example.test')).toEqual([]);
    const { token } = await invite(uniqueEmail('json-signup'));
    const signUp = await testClient(app).request(
      'POST',
      `/api/invitations/${token}/sign-up`,
      '{name:',
      { headers },
    );
    expect(signUp.status).toBe(400);
    expect(signUp.body.error.code).toBe('INVALID_JSON');
  });

  it('rejects an unknown status filter', async () => {
    const response = await owner.get(`${invitationsPath()}?status=lost`);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('signing up through an invitation', () => {
  it('refuses with 409 ACCOUNT_EXISTS when the invited address already has an account', async () => {
    const email = uniqueEmail('has-account');
    await signUpVerified(app, { name: 'Has Account', email, password: 'original-password' });
    const { id, token } = await invite(email);
    const browser = testClient(app);
    const response = await browser.post(`/api/invitations/${token}/sign-up`, {
      name: 'Impostor',
      password: 'another-password',
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'ACCOUNT_EXISTS',
      remediation: expect.any(String),
    });
    expect(browser.cookies.size).toBe(0);
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([
      expect.objectContaining({ name: 'Has Account' }),
    ]);
    expect((await rowById(id))!.status).toBe('pending');
    const signIn = await testClient(app).post('/api/auth/sign-in/email', {
      email,
      password: 'another-password',
    });
    expect(signIn.status).toBe(401);
  });

  it('validates name and password before creating anything', async () => {
    const email = uniqueEmail('weak');
    const { token } = await invite(email);
    for (const body of [
      { name: 'Weak', password: 'short' },
      { password: 'long-enough-password' },
      { name: '   ', password: 'long-enough-password' },
    ]) {
      const response = await testClient(app).post(`/api/invitations/${token}/sign-up`, body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);
  });

  it('creates one account when the same link is used twice at once', async () => {
    const email = uniqueEmail('double-submit');
    const { token } = await invite(email);
    const body = { name: 'Double', password: 'long-enough-password' };
    // better-auth logs the losing insert; the answers and rows below are what matter.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const results = await Promise.all([
      testClient(app).post(`/api/invitations/${token}/sign-up`, body),
      testClient(app).post(`/api/invitations/${token}/sign-up`, body),
    ]);
    expect(results.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
    const loser = results.find((r) => r.status !== 201)!;
    expect([409, 410]).toContain(loser.status);
    expect(['ACCOUNT_EXISTS', 'INVITATION_ALREADY_ACCEPTED']).toContain(loser.body.error.code);
    const accounts = await db.select().from(user).where(eq(user.email, email));
    expect(accounts).toHaveLength(1);
    expect(await db.select().from(member).where(eq(member.userId, accounts[0]!.id))).toHaveLength(
      1,
    );
  });
});

describe('concurrency', () => {
  it('cancel racing accept: either canceled and no member, or accepted and a member, never both', async () => {
    const email = uniqueEmail('racer');
    const invitee = await signUpVerified(app, { name: 'Racer', email });
    const userId = (await db.select().from(user).where(eq(user.email, email)))[0]!.id;
    const outcomes: string[] = [];
    for (let round = 0; round < 10; round++) {
      const { id, token } = await invite(email);
      const cancelling = () => owner.delete(`${invitationsPath()}/${id}`);
      const accepting = () => invitee.post(`/api/invitations/${token}/accept`);
      // Alternate which request starts first, so that both outcomes occur.
      const [cancel, accept] =
        round % 2 === 0
          ? await Promise.all([cancelling(), accepting()])
          : await Promise.all([accepting(), cancelling()]).then(([a, c]) => [c, a] as const);
      const row = (await rowById(id))!;
      const memberships = await db
        .select()
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, userId)));
      const recorded = await db
        .select({ action: organizationActivity.action })
        .from(organizationActivity)
        .where(eq(organizationActivity.targetId, id));
      if (row.status === 'canceled') {
        expect({
          round,
          cancel: cancel.status,
          accept: accept.status,
          code: accept.body.error?.code,
        }).toEqual({
          round,
          cancel: 200,
          accept: 410,
          code: 'INVITATION_CANCELED',
        });
        expect(memberships).toEqual([]);
      } else {
        expect({
          round,
          status: row.status,
          cancel: cancel.status,
          code: cancel.body.error?.code,
          accept: accept.status,
        }).toEqual({
          round,
          status: 'accepted',
          cancel: 409,
          code: 'INVITATION_NOT_PENDING',
          accept: 200,
        });
        expect(memberships).toHaveLength(1);
        expect(
          (await owner.delete(`/api/organizations/${org.id}/members/${memberships[0]!.id}`)).status,
        ).toBe(204);
      }
      expect(recorded.map((r) => r.action).filter((a) => a !== 'invitation.created')).toEqual([
        row.status === 'canceled' ? 'invitation.canceled' : 'invitation.accepted',
      ]);
      outcomes.push(row.status);
    }
    expect(outcomes).toHaveLength(10);
  });

  it('two parallel invitations of one email: one 201, one 409 ALREADY_INVITED, one row', async () => {
    for (let round = 0; round < 3; round++) {
      const email = uniqueEmail('parallel');
      const [a, b] = await Promise.all([
        owner.post(invitationsPath(), { email }),
        admin.client.post(invitationsPath(), { email: email.toUpperCase() }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const loser = a.status === 409 ? a : b;
      const winner = a.status === 201 ? a : b;
      expect(loser.body.error).toMatchObject({
        code: 'ALREADY_INVITED',
        details: { invitationId: winner.body.invitation.id },
      });
      expect(await rowsFor(email)).toEqual([
        expect.objectContaining({ id: winner.body.invitation.id, status: 'pending' }),
      ]);
      expect((await emailsTo(email)).filter((m) => /invited you/.test(m.subject))).toHaveLength(1);
    }
  });
});

describe('the activity log', () => {
  it('pages newest first with limit and cursor, without duplicates or gaps', async () => {
    const { owner: logOwner, org: logOrg } = await ownerWithOrg(app, 'Log Org', 'log-owner');
    const path = `/api/organizations/${logOrg.id}/activity`;
    const first = await logOwner.post(`/api/organizations/${logOrg.id}/invitations`, {
      email: uniqueEmail('log-a'),
    });
    await logOwner.post(`/api/organizations/${logOrg.id}/invitations`, {
      email: uniqueEmail('log-b'),
    });
    await logOwner.post(
      `/api/organizations/${logOrg.id}/invitations/${first.body.invitation.id}/resend`,
    );
    await logOwner.patch(`/api/organizations/${logOrg.id}`, { name: 'Log Org Renamed' });
    const expected = [
      'organization.updated',
      'invitation.resent',
      'invitation.created',
      'invitation.created',
      'organization.created',
    ];

    const pages: Array<Array<{ id: string; action: string; createdAt: string }>> = [];
    let cursor: string | null = null;
    do {
      const response: TestResponse = await logOwner.get(
        `${path}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(response.status).toBe(200);
      pages.push(response.body.items);
      cursor = response.body.nextCursor;
      // Activity that happens while paging does not shift the pages already being read.
      if (pages.length === 1)
        await logOwner.patch(`/api/organizations/${logOrg.id}`, { name: 'Log Org Again' });
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const items = pages.flat();
    expect(items.map((i) => i.action)).toEqual(expected);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const times = items.map((i) => Date.parse(i.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(items[0]).toMatchObject({
      actor: { email: expect.stringContaining('log-owner') },
      targetType: 'organization',
    });

    const all = await logOwner.get(`${path}?limit=100`);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items.map((i: { action: string }) => i.action)).toEqual([
      'organization.updated',
      ...expected,
    ]);
  });

  it('refuses members and bad paging input', async () => {
    const forbidden = await regular.client.get(`/api/organizations/${org.id}/activity`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({
      error: { code: 'INSUFFICIENT_PERMISSIONS', message: expect.any(String) },
    });
    for (const query of ['limit=0', 'limit=101', 'limit=two', 'cursor=not-a-cursor']) {
      const response = await owner.get(`/api/organizations/${org.id}/activity?${query}`);
      expect({ query, status: response.status, code: response.body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
    expect(
      (await admin.client.get(`/api/organizations/${org.id}/activity?limit=1`)).body.items,
    ).toHaveLength(1);
  });
});
