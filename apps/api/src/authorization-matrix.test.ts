import { db, invitation, member, organization } from '@kit/database';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey, keyClient, type KeyClient } from './testing/api-keys';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient, type TestResponse } from './testing/client';
import {
  invitationToken,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  type JoinedMember,
  organizationSnapshot,
  type OrgView,
  unlimitedSeats,
} from './testing/organizations';

const { app } = createTestKit();

/**
 * Who may call which organization route. Every route is called by six callers; a refused call
 * must answer the expected code, reveal nothing of the organization, and change nothing.
 */
type Caller = 'anonymous' | 'outsider' | 'otherOrg' | 'member' | 'admin' | 'owner';
// Refused callers first, so that the allowed (sometimes destructive) calls come last.
const CALLERS: Caller[] = ['anonymous', 'outsider', 'otherOrg', 'member', 'admin', 'owner'];

let orgA: OrgView;
let orgB: OrgView;
let ownerA: TestClient;
let ownerAEmail: string;
let ownerB: TestClient;
let ownerBEmail: string;
let adminA: JoinedMember;
let memberA: JoinedMember;
let targetA: JoinedMember;
let memberB: JoinedMember;
let ownerAMemberId: string;
let pendingA: { id: string; email: string };
let pendingB: { id: string; email: string };
let clients: Record<Caller, TestClient>;

beforeAll(async () => {
  ({
    owner: ownerA,
    org: orgA,
    email: ownerAEmail,
  } = await ownerWithOrg(app, 'Alpha Corp', 'alpha-owner'));
  ({
    owner: ownerB,
    org: orgB,
    email: ownerBEmail,
  } = await ownerWithOrg(app, 'Beta Labs', 'beta-owner'));
  await unlimitedSeats(orgA.id);
  adminA = await joinAs(app, ownerA, orgA.id, 'admin', 'alpha-admin');
  memberA = await joinAs(app, ownerA, orgA.id, 'member', 'alpha-member');
  targetA = await joinAs(app, ownerA, orgA.id, 'member', 'alpha-target');
  memberB = await joinAs(app, ownerB, orgB.id, 'member', 'beta-member');
  const outsider = await signUpVerified(app, { name: 'Outsider', email: uniqueEmail('outsider') });
  clients = {
    anonymous: testClient(app),
    outsider,
    otherOrg: ownerB,
    member: memberA.client,
    admin: adminA.client,
    owner: ownerA,
  };

  const [ownerRow] = await db
    .select({ id: member.id })
    .from(member)
    .where(sql`${member.organizationId} = ${orgA.id} and ${member.role} = 'owner'`);
  ownerAMemberId = ownerRow!.id;
  pendingA = await invite(ownerA, orgA.id, 'alpha-pending');
  pendingB = await invite(ownerB, orgB.id, 'beta-pending');
});

async function invite(client: TestClient, orgId: string, label: string, role = 'member') {
  const email = uniqueEmail(label);
  const response = await client.post(`/api/organizations/${orgId}/invitations`, { email, role });
  expect(response.status).toBe(201);
  return { id: response.body.invitation.id as string, email };
}

const snapshot = organizationSnapshot;

async function memberRow(memberId: string) {
  const [row] = await db.select().from(member).where(eq(member.id, memberId));
  return row;
}

async function invitationRow(id: string) {
  const [row] = await db.select().from(invitation).where(eq(invitation.id, id));
  return row;
}

type Expected = number | { status: number; code: string };
const defaultCode: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'INSUFFICIENT_PERMISSIONS',
  404: 'ORGANIZATION_NOT_FOUND',
};

interface Vars {
  /** Calls as this client instead of the caller's own (a throw-away member who may leave). */
  as?: TestClient;
  memberId?: string;
  invitationId?: string;
  email?: string;
}

interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  route: string;
  path: (v: Vars) => string;
  body?: (caller: Caller, v: Vars) => unknown;
  expected: Record<Caller, Expected>;
  /** Fresh targets for one call (allowed calls may consume them). */
  prepare?: (caller: Caller) => Promise<Vars>;
  /** Checks an allowed call did what it says. */
  allowed?: (response: TestResponse, caller: Caller, v: Vars) => Promise<void> | void;
}

const org = (suffix = '') => `/api/organizations/${orgA.id}${suffix}`;
const roleOf: Record<Caller, string | undefined> = {
  anonymous: undefined,
  outsider: undefined,
  otherOrg: undefined,
  member: 'member',
  admin: 'admin',
  owner: 'owner',
};
const readable = {
  anonymous: 401,
  outsider: 404,
  otherOrg: 404,
  member: 200,
  admin: 200,
  owner: 200,
} as const;
const managers = {
  anonymous: 401,
  outsider: 404,
  otherOrg: 404,
  member: 403,
  admin: 200,
  owner: 200,
} as const;

const freshPendingInvitation = async (caller: Caller): Promise<Vars> =>
  caller === 'admin' || caller === 'owner'
    ? { invitationId: (await invite(ownerA, orgA.id, `fresh-${caller}`)).id }
    : { invitationId: pendingA.id };

const cases: Case[] = [
  {
    method: 'GET',
    route: '/api/organizations/:orgId',
    path: () => org(),
    expected: readable,
    allowed: (r, caller) => {
      expect(r.body).toMatchObject({
        id: orgA.id,
        name: 'Alpha Corp',
        role: roleOf[caller],
        memberCount: 4,
      });
    },
  },
  {
    method: 'PATCH',
    route: '/api/organizations/:orgId',
    path: () => org(),
    body: (caller) => ({
      name: `Alpha Corp`,
      logo: caller === 'owner' ? null : `https://cdn.example.test/${caller}.png`,
    }),
    expected: managers,
    allowed: async (r, caller) => {
      expect(r.body).toMatchObject({ id: orgA.id, role: roleOf[caller] });
      const [row] = await db.select().from(organization).where(eq(organization.id, orgA.id));
      expect(row!.logo).toBe(caller === 'owner' ? null : `https://cdn.example.test/${caller}.png`);
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/activate',
    path: () => org('/activate'),
    expected: readable,
    allowed: async (r, caller) => {
      expect(r.body).toMatchObject({ id: orgA.id, role: roleOf[caller] });
      const current = await clients[caller].get('/api/auth/get-session');
      expect(current.body.session.activeOrganizationId).toBe(orgA.id);
    },
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/members',
    path: () => org('/members'),
    expected: readable,
    allowed: (r) => {
      const emails = r.body.members.map((m: { email: string }) => m.email).sort();
      expect(emails).toEqual([ownerAEmail, adminA.email, memberA.email, targetA.email].sort());
    },
  },
  {
    method: 'PATCH',
    route: '/api/organizations/:orgId/members/:memberId',
    path: () => org(`/members/${targetA.memberId}`),
    // The admin promotes the target, the owner demotes it again: both are real changes.
    body: (caller) => ({ role: caller === 'owner' ? 'member' : 'admin' }),
    expected: managers,
    allowed: async (r, caller) => {
      const role = caller === 'owner' ? 'member' : 'admin';
      expect(r.body).toMatchObject({ id: targetA.memberId, role });
      expect((await memberRow(targetA.memberId))!.role).toBe(role);
    },
  },
  {
    method: 'DELETE',
    route: '/api/organizations/:orgId/members/:memberId',
    path: (v) => org(`/members/${v.memberId}`),
    prepare: async (caller) =>
      caller === 'admin' || caller === 'owner'
        ? {
            memberId: (await joinAs(app, ownerA, orgA.id, 'member', `removable-${caller}`))
              .memberId,
          }
        : { memberId: targetA.memberId },
    expected: { ...managers, admin: 204, owner: 204 },
    allowed: async (_r, _caller, v) => {
      expect(await memberRow(v.memberId!)).toBeUndefined();
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/leave',
    path: () => org('/leave'),
    // A member and an admin who join for the occasion leave; the only owner may not.
    prepare: async (caller) =>
      caller === 'member' || caller === 'admin'
        ? (({ client, memberId }) => ({ as: client, memberId }))(
            await joinAs(app, ownerA, orgA.id, caller, `leaver-${caller}`),
          )
        : {},
    expected: {
      anonymous: 401,
      outsider: 404,
      otherOrg: 404,
      member: 204,
      admin: 204,
      owner: { status: 409, code: 'LAST_OWNER' },
    },
    allowed: async (_r, _caller, v) => {
      expect(await memberRow(v.memberId!)).toBeUndefined();
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/transfer-ownership',
    path: () => org('/transfer-ownership'),
    body: () => ({ memberId: targetA.memberId }),
    expected: { ...managers, admin: 403 },
    allowed: async (r) => {
      expect(r.body.newOwner).toMatchObject({ id: targetA.memberId, role: 'owner' });
      expect((await memberRow(targetA.memberId))!.role).toBe('owner');
      expect((await memberRow(ownerAMemberId))!.role).toBe('admin');
      // Hand it back so the remaining cases see the original roles.
      const back = await targetA.client.post(org('/transfer-ownership'), {
        memberId: ownerAMemberId,
      });
      expect(back.status).toBe(200);
      expect(
        (await ownerA.patch(org(`/members/${targetA.memberId}`), { role: 'member' })).status,
      ).toBe(200);
      expect((await memberRow(ownerAMemberId))!.role).toBe('owner');
    },
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/invitations',
    path: () => org('/invitations?status=all'),
    expected: managers,
    allowed: (r) => {
      expect(r.body.invitations.length).toBeGreaterThan(0);
      expect(
        r.body.invitations.every((i: { organizationId: string }) => i.organizationId === orgA.id),
      ).toBe(true);
      expect(r.body.invitations.map((i: { id: string }) => i.id)).not.toContain(pendingB.id);
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/invitations',
    path: () => org('/invitations'),
    prepare: async (caller) => ({ email: uniqueEmail(`invitee-by-${caller}`) }),
    body: (_caller, v) => ({ email: v.email, role: 'member' }),
    expected: { ...managers, admin: 201, owner: 201 },
    allowed: async (r, _caller, v) => {
      expect(r.body.invitation).toMatchObject({
        email: v.email,
        organizationId: orgA.id,
        status: 'pending',
      });
      expect((await invitationRow(r.body.invitation.id))?.organizationId).toBe(orgA.id);
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/invitations/:invitationId/resend',
    path: (v) => org(`/invitations/${v.invitationId}/resend`),
    prepare: freshPendingInvitation,
    expected: managers,
    allowed: async (r, _caller, v) => {
      expect((await invitationRow(v.invitationId!))!.status).toBe('replaced');
      expect((await invitationRow(r.body.invitation.id))!.status).toBe('pending');
    },
  },
  {
    method: 'DELETE',
    route: '/api/organizations/:orgId/invitations/:invitationId',
    path: (v) => org(`/invitations/${v.invitationId}`),
    prepare: freshPendingInvitation,
    expected: managers,
    allowed: async (r, _caller, v) => {
      expect(r.body.invitation).toMatchObject({ id: v.invitationId, status: 'canceled' });
      expect((await invitationRow(v.invitationId!))!.status).toBe('canceled');
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/invitations/batch',
    path: () => org('/invitations/batch'),
    prepare: freshPendingInvitation,
    body: (_caller, v) => ({ action: 'cancel', ids: [v.invitationId] }),
    expected: managers,
    allowed: async (r, _caller, v) => {
      expect(r.body).toMatchObject({ action: 'cancel', succeeded: 1, failed: 0 });
      expect((await invitationRow(v.invitationId!))!.status).toBe('canceled');
    },
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/invitations/:invitationId/renew',
    path: (v) => org(`/invitations/${v.invitationId}/renew`),
    prepare: async (caller) => {
      if (caller !== 'admin' && caller !== 'owner') return { invitationId: pendingA.id };
      const { id } = await invite(ownerA, orgA.id, `expired-${caller}`);
      await db
        .update(invitation)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(invitation.id, id));
      return { invitationId: id };
    },
    expected: { ...managers, admin: 201, owner: 201 },
    allowed: async (r, _caller, v) => {
      expect((await invitationRow(v.invitationId!))!).toMatchObject({
        status: 'replaced',
        replacedById: r.body.invitation.id,
      });
      expect((await invitationRow(r.body.invitation.id))!.status).toBe('pending');
    },
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/activity',
    path: () => org('/activity?limit=100'),
    expected: managers,
    allowed: (r) => {
      expect(r.body.items.at(-1)).toMatchObject({
        action: 'organization.created',
        targetId: orgA.id,
      });
      expect(JSON.stringify(r.body)).not.toContain('Beta Labs');
    },
  },
  // Last: the owner's call deletes the organization.
  {
    method: 'DELETE',
    route: '/api/organizations/:orgId',
    path: () => org(),
    expected: { anonymous: 401, outsider: 404, otherOrg: 404, member: 403, admin: 403, owner: 204 },
    allowed: async () => {
      expect(await db.select().from(organization).where(eq(organization.id, orgA.id))).toEqual([]);
    },
  },
];

describe('what a non-member sees', () => {
  it('answers a non-member exactly as for an organization that does not exist', async () => {
    const missing = await memberB.client.get(
      '/api/organizations/00000000-0000-4000-8000-000000000000',
    );
    for (const path of ['', '/members', '/invitations', '/activity']) {
      const response = await memberB.client.get(`/api/organizations/${orgA.id}${path}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(missing.body);
    }
  });

  it('lists only the caller’s own organizations', async () => {
    const anonymous = await clients.anonymous.get('/api/organizations');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    expect((await clients.outsider.get('/api/organizations')).body).toEqual({ organizations: [] });
    const mine = await ownerB.get('/api/organizations');
    expect(mine.body.organizations).toEqual([
      expect.objectContaining({ id: orgB.id, role: 'owner' }),
    ]);
    const created = await clients.anonymous.post('/api/organizations', { name: 'Ghost Org' });
    expect(created.status).toBe(401);
    expect(await db.select().from(organization).where(eq(organization.name, 'Ghost Org'))).toEqual(
      [],
    );
  });
});

describe('ids of one organization used through another organization’s URL', () => {
  it('cannot resend or cancel another organization’s invitation', async () => {
    const before = await snapshot();
    for (const request of [
      ownerB.post(`/api/organizations/${orgB.id}/invitations/${pendingA.id}/resend`),
      ownerB.delete(`/api/organizations/${orgB.id}/invitations/${pendingA.id}`),
    ]) {
      const response = await request;
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: { code: 'INVITATION_NOT_FOUND', message: expect.any(String) },
      });
    }
    expect(await snapshot()).toEqual(before);
    expect((await invitationRow(pendingA.id))!.status).toBe('pending');
  });

  it('cannot change, remove or promote another organization’s member', async () => {
    const before = await snapshot();
    const attempts = [
      ownerB.patch(`/api/organizations/${orgB.id}/members/${memberA.memberId}`, { role: 'admin' }),
      ownerB.delete(`/api/organizations/${orgB.id}/members/${memberA.memberId}`),
      ownerB.post(`/api/organizations/${orgB.id}/transfer-ownership`, {
        memberId: memberA.memberId,
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: { code: 'MEMBER_NOT_FOUND', message: expect.any(String) },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('shows an organization’s owner nothing of another organization in its own lists', async () => {
    const members = await ownerB.get(`/api/organizations/${orgB.id}/members`);
    expect(members.body.members.map((m: { email: string }) => m.email).sort()).toEqual(
      [ownerBEmail, memberB.email].sort(),
    );
    const invitations = await ownerB.get(`/api/organizations/${orgB.id}/invitations?status=all`);
    const listed = invitations.body.invitations as Array<{
      id: string;
      organizationId: string;
      email: string;
    }>;
    expect(listed.map((i) => i.email).sort()).toEqual([pendingB.email, memberB.email].sort());
    expect(listed.every((i) => i.organizationId === orgB.id)).toBe(true);
    const activity = await ownerB.get(`/api/organizations/${orgB.id}/activity`);
    const text = JSON.stringify([members.body, invitations.body, activity.body]);
    for (const secret of ['Alpha Corp', ownerAEmail, memberA.email, pendingA.email])
      expect(text).not.toContain(secret);
  });
});

describe('the invitee routes', () => {
  it('previews for anyone holding the link, but only the invited address may accept or decline', async () => {
    const { email } = await invite(ownerB, orgB.id, 'beta-invitee');
    const token = await invitationToken(email);
    for (const caller of CALLERS) {
      const preview = await clients[caller].get(`/api/invitations/${token}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ email, organization: { id: orgB.id } });
    }
    const before = await snapshot();
    const anonymousAccept = await clients.anonymous.post(`/api/invitations/${token}/accept`);
    expect(anonymousAccept.status).toBe(401);
    expect(anonymousAccept.body.error.code).toBe('UNAUTHORIZED');
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      for (const action of ['accept', 'decline']) {
        const response = await clients[caller].post(`/api/invitations/${token}/${action}`);
        expect({
          caller,
          action,
          status: response.status,
          code: response.body.error?.code,
        }).toEqual({
          caller,
          action,
          status: 403,
          code: 'INVITATION_EMAIL_MISMATCH',
        });
      }
    }
    expect(await snapshot()).toEqual(before);
  });
});

/**
 * The same routes called with organization API keys: one with every scope made by an admin of
 * organization A (it acts as that admin), one with `members:read` only (by the same admin), and one of organization
 * B. A key's refusals change nothing and reveal nothing, like a person's.
 */
const keyAccess: Record<string, { full: Expected; scope: string | null }> = {
  'GET /api/organizations/:orgId': { full: 200, scope: 'members:read' },
  'PATCH /api/organizations/:orgId': { full: notForKeys(), scope: null },
  'POST /api/organizations/:orgId/activate': { full: notForKeys(), scope: null },
  'GET /api/organizations/:orgId/members': { full: 200, scope: 'members:read' },
  'PATCH /api/organizations/:orgId/members/:memberId': { full: 200, scope: 'members:write' },
  'DELETE /api/organizations/:orgId/members/:memberId': { full: 204, scope: 'members:write' },
  'POST /api/organizations/:orgId/leave': { full: notForKeys(), scope: null },
  'POST /api/organizations/:orgId/transfer-ownership': { full: notForKeys(), scope: null },
  'GET /api/organizations/:orgId/invitations': { full: 200, scope: 'invitations:read' },
  'POST /api/organizations/:orgId/invitations': { full: 201, scope: 'invitations:write' },
  'POST /api/organizations/:orgId/invitations/:invitationId/resend': {
    full: 200,
    scope: 'invitations:write',
  },
  'DELETE /api/organizations/:orgId/invitations/:invitationId': {
    full: 200,
    scope: 'invitations:write',
  },
  'POST /api/organizations/:orgId/invitations/batch': { full: 200, scope: 'invitations:write' },
  'POST /api/organizations/:orgId/invitations/:invitationId/renew': {
    full: 201,
    scope: 'invitations:write',
  },
  'GET /api/organizations/:orgId/activity': { full: notForKeys(), scope: null },
  'DELETE /api/organizations/:orgId': { full: notForKeys(), scope: null },
};

function notForKeys(): Expected {
  return { status: 403, code: 'API_KEY_NOT_ALLOWED' };
}

describe('organization routes called with API keys', () => {
  let keys: { full: KeyClient; readOnly: KeyClient; otherOrg: KeyClient };

  beforeAll(async () => {
    keys = {
      full: keyClient(
        app,
        (await createKey(adminA.client, orgA.id, { name: 'Matrix full' })).secret,
      ),
      readOnly: keyClient(
        app,
        (await createKey(adminA.client, orgA.id, { name: 'Matrix read', scopes: ['members:read'] }))
          .secret,
      ),
      otherOrg: keyClient(app, (await createKey(ownerB, orgB.id, { name: 'Matrix B' })).secret),
    };
  });

  it('has an expectation for every route of the table', () => {
    expect(Object.keys(keyAccess).sort()).toEqual(
      cases.map((c) => `${c.method} ${c.route}`).sort(),
    );
  });

  it.each(cases.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (name, c) => {
    const access = keyAccess[name]!;
    const expectations: Array<[keyof typeof keys, Expected]> = [
      ['otherOrg', 404],
      [
        'readOnly',
        access.scope === null
          ? access.full
          : access.scope === 'members:read'
            ? access.full
            : { status: 403, code: 'INSUFFICIENT_SCOPE' },
      ],
      ['full', access.full],
    ];
    for (const [holder, expected] of expectations) {
      const status = typeof expected === 'number' ? expected : expected.status;
      // An allowed call gets the fresh targets admin A's would (the full key acts as admin A);
      // a refused one the existing targets an outsider's refused call gets.
      const vars = (await c.prepare?.(status < 400 ? 'admin' : 'outsider')) ?? {};
      const body =
        c.route === '/api/organizations/:orgId/members/:memberId' && c.method === 'PATCH'
          ? { role: 'member' }
          : c.body?.('admin', vars);
      const before = await snapshot();
      const response = await keys[holder].request(c.method, c.path(vars), body);
      expect({ holder, status: response.status }).toEqual({ holder, status });
      if (status < 400) {
        if (c.method !== 'PATCH' || !c.route.endsWith(':memberId')) {
          await c.allowed?.(response, 'admin', vars);
        }
        continue;
      }
      const code = typeof expected === 'number' ? defaultCode[status] : expected.code;
      expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
      if (status === 404)
        expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
      const text = JSON.stringify(response.body);
      for (const secret of ['Alpha Corp', orgA.slug, ownerAEmail, memberA.email, pendingA.email]) {
        expect(text).not.toContain(secret);
      }
      expect(await snapshot(), `${holder} changed something`).toEqual(before);
    }
  });
});

// Last: the owner's DELETE at the end of the table removes organization A.
describe('organization routes by caller', () => {
  it.each(cases.map((c) => [`${c.method} ${c.route}`, c] as const))('%s', async (_name, c) => {
    for (const caller of CALLERS) {
      const vars = (await c.prepare?.(caller)) ?? {};
      const client = vars.as ?? clients[caller];
      const before = await snapshot();
      const response = await client.request(c.method, c.path(vars), c.body?.(caller, vars));
      const expected = c.expected[caller];
      const status = typeof expected === 'number' ? expected : expected.status;
      expect({
        caller,
        status: response.status,
        body: response.status === status ? undefined : response.body,
      }).toEqual({
        caller,
        status,
        body: undefined,
      });
      if (status < 400) {
        await c.allowed?.(response, caller, vars);
        continue;
      }
      const code = typeof expected === 'number' ? defaultCode[status] : expected.code;
      expect(response.body).toMatchObject({ error: { code, message: expect.any(String) } });
      if (status === 401 || status === 404) {
        // Nothing more than the code and message: no name, slug, member or invitation data.
        expect(response.body).toEqual({ error: { code, message: expect.any(String) } });
      }
      const text = JSON.stringify(response.body);
      for (const secret of ['Alpha Corp', orgA.slug, ownerAEmail, memberA.email, pendingA.email]) {
        expect(text).not.toContain(secret);
      }
      expect(await snapshot(), `${caller} changed something`).toEqual(before);
    }
  });
});
