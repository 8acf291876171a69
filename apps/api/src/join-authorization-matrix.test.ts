import { db, inviteLink, joinRequest } from '@kit/database';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient, type TestResponse } from './testing/client';
import {
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type OrgView,
} from './testing/organizations';

const kit = createTestKit();
const { app } = kit;
const roles = kit.runtime.roles;
const manager = roles
  .holders({ invitation: ['create'], member: ['create'] })
  .find((r) => !roles.isOwner(r))!;
const plain = roles.ids.find((r) => !roles.can(r, { invitation: ['create'] }))!;

/**
 * Who may call which joining route (invite links, join requests): the same six callers as the
 * organization routes' matrix. A refused call answers the expected code, reveals nothing of the
 * organization and changes nothing.
 */
type Caller = 'anonymous' | 'outsider' | 'otherOrg' | 'member' | 'admin' | 'owner';
const CALLERS: Caller[] = ['anonymous', 'outsider', 'otherOrg', 'member', 'admin', 'owner'];

let orgA: OrgView;
let ownerA: TestClient;
let clients: Record<Caller, TestClient>;
let approvalToken: string;
let openLinkId: string;

beforeAll(async () => {
  ({ owner: ownerA, org: orgA } = await ownerWithOrg(app, 'Matrix Works', 'matrix-owner'));
  await unlimitedSeats(orgA.id);
  const { owner: ownerB } = await ownerWithOrg(app, 'Other Place', 'other-owner');
  const admin = await joinAs(app, ownerA, orgA.id, manager, 'matrix-admin');
  const plainMember = await joinAs(app, ownerA, orgA.id, plain, 'matrix-member');
  const outsider = await signUpVerified(app, { name: 'Outsider', email: uniqueEmail('outsider') });
  clients = {
    anonymous: testClient(app),
    outsider,
    otherOrg: ownerB,
    member: plainMember.client,
    admin: admin.client,
    owner: ownerA,
  };
  const approval = await ownerA.post(`/api/organizations/${orgA.id}/invite-links`, {
    role: plain,
    requiresApproval: true,
  });
  approvalToken = new URL(approval.body.url).pathname.split('/').pop()!;
  const open = await ownerA.post(`/api/organizations/${orgA.id}/invite-links`, { role: plain });
  openLinkId = open.body.link.id;
}, 120_000);

/** A fresh pending request to orgA from a new person. */
async function pendingRequest(): Promise<{ id: string; client: TestClient }> {
  const client = await signUpVerified(app, { name: 'Applicant', email: uniqueEmail('applicant') });
  const response = await client.post(`/api/join/${approvalToken}`);
  expect(response.status).toBe(202);
  return { id: response.body.request.id, client };
}

type Expected = number | { status: number; code: string };
const defaultCode: Record<number, string> = {
  401: 'UNAUTHORIZED',
  403: 'INSUFFICIENT_PERMISSIONS',
  404: 'ORGANIZATION_NOT_FOUND',
};
const managers = (ok: number) =>
  ({ anonymous: 401, outsider: 404, otherOrg: 404, member: 403, admin: ok, owner: ok }) as const;

interface Vars {
  id?: string;
}
interface Case {
  method: 'GET' | 'POST' | 'DELETE';
  route: string;
  path: (v: Vars) => string;
  body?: unknown;
  expected: Record<Caller, Expected>;
  prepare?: () => Promise<Vars>;
  allowed?: (response: TestResponse, caller: Caller, v: Vars) => Promise<void> | void;
}

const org = (suffix: string) => `/api/organizations/${orgA.id}${suffix}`;

const cases: Case[] = [
  {
    method: 'POST',
    route: '/api/organizations/:orgId/invite-links',
    path: () => org('/invite-links'),
    body: { role: 'PLAIN' },
    expected: managers(201),
    allowed: (r) => expect(r.body.url).toMatch(/\/join\//),
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/invite-links',
    path: () => org('/invite-links'),
    expected: managers(200),
    allowed: (r) => expect(r.body.links.map((l: { id: string }) => l.id)).toContain(openLinkId),
  },
  {
    method: 'DELETE',
    route: '/api/organizations/:orgId/invite-links/:linkId',
    path: (v) => org(`/invite-links/${v.id}`),
    expected: managers(200),
    prepare: async () => {
      const created = await ownerA.post(org('/invite-links'), { role: plain });
      return { id: created.body.link.id };
    },
    allowed: async (_r, _c, v) => {
      const [row] = await db.select().from(inviteLink).where(eq(inviteLink.id, v.id!));
      expect(row!.revokedAt).not.toBeNull();
    },
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/join-requests',
    path: () => org('/join-requests?status=all'),
    expected: managers(200),
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/join-requests/:requestId/approve',
    path: (v) => org(`/join-requests/${v.id}/approve`),
    expected: managers(200),
    prepare: async () => ({ id: (await pendingRequest()).id }),
    allowed: (r) => expect(r.body.member.role).toBe(plain),
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/join-requests/:requestId/reject',
    path: (v) => org(`/join-requests/${v.id}/reject`),
    expected: managers(200),
    prepare: async () => ({ id: (await pendingRequest()).id }),
    allowed: (r) => expect(r.body.request.status).toBe('rejected'),
  },
  {
    method: 'GET',
    route: '/api/organizations/:orgId/domains',
    path: () => org('/domains'),
    expected: managers(200),
  },
  {
    method: 'POST',
    route: '/api/organizations/:orgId/domains',
    path: () => org('/domains'),
    body: { domain: 'matrix-works.test', email: 'it@matrix-works.test' },
    // Domains are the owners' alone.
    expected: { ...managers(201), admin: 403 },
    allowed: (r) => expect(r.body.domain.status).toBe('pending'),
  },
];

describe('joining routes by caller', () => {
  it('answers every caller as the matrix says and changes nothing on a refusal', async () => {
    for (const c of cases) {
      for (const caller of CALLERS) {
        const vars = c.prepare ? await c.prepare() : { id: 'missing' };
        const expected = c.expected[caller];
        const status = typeof expected === 'number' ? expected : expected.status;
        const body =
          c.body === undefined
            ? undefined
            : JSON.parse(JSON.stringify(c.body).replace('PLAIN', plain));
        const before = status >= 400 ? await organizationSnapshot() : undefined;
        const response = await clients[caller].request(
          c.method,
          c.path(vars),
          c.method === 'GET' ? undefined : (body ?? {}),
        );
        expect({ route: `${c.method} ${c.route}`, caller, status: response.status }).toEqual({
          route: `${c.method} ${c.route}`,
          caller,
          status,
        });
        if (status >= 400) {
          const code = typeof expected === 'number' ? defaultCode[status] : expected.code;
          expect(response.body.error.code).toBe(code);
          expect(JSON.stringify(response.body)).not.toContain('Matrix Works');
          expect(await organizationSnapshot()).toEqual(before);
        } else await c.allowed?.(response, caller, vars);
      }
    }
  }, 300_000);
});

describe('the requester’s and the link holder’s routes', () => {
  it('lets only the requester withdraw a request; others get 404 (anonymous 401)', async () => {
    const { id, client } = await pendingRequest();
    for (const caller of CALLERS) {
      const response = await clients[caller].post(`/api/join-requests/${id}/withdraw`);
      expect({ caller, status: response.status }).toEqual({
        caller,
        status: caller === 'anonymous' ? 401 : 404,
      });
    }
    expect((await client.post(`/api/join-requests/${id}/withdraw`)).status).toBe(200);
    const [row] = await db.select().from(joinRequest).where(eq(joinRequest.id, id));
    expect(row!.status).toBe('withdrawn');
  });

  it('lists each person’s own requests only', async () => {
    const { id, client } = await pendingRequest();
    expect((await clients.anonymous.get('/api/me/join-requests')).status).toBe(401);
    for (const caller of CALLERS.filter((c) => c !== 'anonymous')) {
      const response = await clients[caller].get('/api/me/join-requests');
      expect(response.status).toBe(200);
      expect(response.body.requests.map((r: { id: string }) => r.id)).not.toContain(id);
    }
    const mine = await client.get('/api/me/join-requests');
    expect(mine.body.requests.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it('previews a link for anyone, and joining needs a session', async () => {
    for (const caller of CALLERS) {
      const preview = await clients[caller].get(`/api/join/${approvalToken}`);
      expect(preview.status).toBe(200);
      expect(preview.body.organization.name).toBe('Matrix Works');
    }
    const anonymous = await clients.anonymous.post(`/api/join/${approvalToken}`);
    expect(anonymous.status).toBe(401);
  });
});
