import { db, joinRequest, member, organizationActivity } from '@kit/database';
import { setOrganizationPlan } from '@kit/organization';
import type {
  JoinRequestApproveContext,
  JoinRequestCreateContext,
} from '@kit/organization-policies';
import { allow, definePolicy, deny } from '@kit/policies';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, type TestClient } from './testing/client';
import {
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

const kit = createTestKit({
  plans: {
    plans: { roomy: { name: 'Roomy', seats: null }, tight: { name: 'Tight', seats: 3 } },
    defaultPlan: 'roomy',
  },
});
const { app } = kit;
const roles = kit.runtime.roles;
const manager = roles.holders({ member: ['create'] }).find((r) => !roles.isOwner(r))!;
const plain = roles.ids.find((r) => !roles.can(r, { member: ['create'] }))!;

let owner: TestClient;
let ownerEmail: string;
let org: OrgView;
let admin: JoinedMember;
let approvalToken: string;

const requests = (orgId = org.id) => `/api/organizations/${orgId}/join-requests`;

beforeAll(async () => {
  ({ owner, org, email: ownerEmail } = await ownerWithOrg(app, 'Gatekeepers'));
  admin = await joinAs(app, owner, org.id, manager, 'gate-admin');
  const link = await owner.post(`/api/organizations/${org.id}/invite-links`, {
    role: plain,
    requiresApproval: true,
  });
  expect(link.status).toBe(201);
  approvalToken = new URL(link.body.url).pathname.split('/').pop()!;
});

async function requester(label: string, message?: string, token = approvalToken) {
  const email = uniqueEmail(label);
  const name = `Req ${label}`;
  const client = await signUpVerified(app, { name, email });
  const response = await client.post(`/api/join/${token}`, message ? { message } : {});
  expect(response.status).toBe(202);
  return {
    client,
    email,
    name,
    request: response.body.request as { id: string; status: string; expiresAt: string },
  };
}

describe('asking to join through a link that needs approval', () => {
  it('answers 202 with a pending request, logs it and emails every owner and admin', async () => {
    const before = await organizationSnapshot();
    const rita = await requester('rita', 'I run the design team.');
    expect(rita.request).toMatchObject({
      status: 'pending',
      source: 'invite-link',
      role: plain,
      message: 'I run the design team.',
      organization: { id: org.id, name: 'Gatekeepers' },
      user: { email: rita.email },
    });
    expect((await organizationSnapshot()).members).toEqual(before.members);
    for (const to of [ownerEmail, admin.email]) {
      const mail = await latestEmail(to, /asked to join Gatekeepers/);
      expect(mail.text).toContain(rita.email);
      expect(mail.text).toContain('I run the design team.');
      expect(mail.links.some((l) => l.endsWith(`/orgs/${org.slug}/requests`))).toBe(true);
    }
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, rita.request.id));
    expect(activity).toMatchObject({ action: 'join_request.created', targetLabel: rita.email });

    const mine = await rita.client.get('/api/me/join-requests');
    expect(mine.body.requests).toEqual([
      expect.objectContaining({ id: rita.request.id, status: 'pending' }),
    ]);
    const preview = await rita.client.get(`/api/join/${approvalToken}`);
    expect(preview.body.viewer).toEqual({ member: false, pendingRequestId: rita.request.id });
  });

  it('keeps one pending request per person and organization, also when asked twice at once', async () => {
    const email = uniqueEmail('twice');
    const client = await signUpVerified(app, { name: 'Twice', email });
    const responses = await Promise.all([
      client.post(`/api/join/${approvalToken}`),
      client.post(`/api/join/${approvalToken}`),
      client.post(`/api/join/${approvalToken}`),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([202, 409, 409]);
    for (const r of responses.filter((r) => r.status === 409))
      expect(r.body.error.code).toBe('ALREADY_REQUESTED');
    const rows = await db
      .select()
      .from(joinRequest)
      .where(and(eq(joinRequest.organizationId, org.id), eq(joinRequest.status, 'pending')));
    expect(
      rows.filter((r) => r.id === responses.find((x) => x.status === 202)!.body.request.id),
    ).toHaveLength(1);
  });
});

describe('answering requests', () => {
  it('lists pending requests for owners and admins only', async () => {
    const nora = await requester('nora');
    for (const client of [owner, admin.client]) {
      const list = await client.get(`${requests()}?status=pending`);
      expect(list.status).toBe(200);
      expect(list.body.requests.map((r: { id: string }) => r.id)).toContain(nora.request.id);
    }
    const plainMember = await joinAs(app, owner, org.id, plain, 'gate-plain');
    const refused = await plainMember.client.get(requests());
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    const bad = await owner.get(`${requests()}?status=nonsense`);
    expect(bad.status).toBe(400);
  });

  it('approves with a chosen role: a member, an activity entry and an email to the requester', async () => {
    const pat = await requester('pat');
    const response = await admin.client.post(`${requests()}/${pat.request.id}/approve`, {
      role: manager,
    });
    expect(response.status).toBe(200);
    expect(response.body.member).toMatchObject({ role: manager });
    expect(response.body.request).toMatchObject({ status: 'approved', role: manager });
    const [row] = await db.select().from(member).where(eq(member.id, response.body.member.id));
    expect(row).toMatchObject({ organizationId: org.id, role: manager });
    const mail = await latestEmail(pat.email, /You joined Gatekeepers/);
    expect(mail.text).toContain(`${roles.label(manager).toLowerCase()} of Gatekeepers`);
    const again = await owner.post(`${requests()}/${pat.request.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('JOIN_REQUEST_NOT_PENDING');
    const orgs = await pat.client.get('/api/organizations');
    expect(orgs.body.organizations.map((o: { id: string }) => o.id)).toContain(org.id);
  });

  it('refuses a role above the approver’s own', async () => {
    const tooHigh = roles.ids.find((r) => !roles.mayAssign(manager, r));
    if (!tooHigh) return;
    const quinn = await requester('quinn');
    const before = await organizationSnapshot();
    const response = await admin.client.post(`${requests()}/${quinn.request.id}/approve`, {
      role: tooHigh,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('rejects with a reason the requester reads in their email', async () => {
    const rob = await requester('rob');
    const response = await owner.post(`${requests()}/${rob.request.id}/reject`, {
      reason: 'Finance team only.',
    });
    expect(response.status).toBe(200);
    expect(response.body.request).toMatchObject({
      status: 'rejected',
      reason: 'Finance team only.',
    });
    const mail = await latestEmail(rob.email, /was declined/);
    expect(mail.text).toContain('Finance team only.');
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, rob.request.id),
          eq(organizationActivity.action, 'join_request.rejected'),
        ),
      );
    expect(activity!.data).toEqual({ reason: 'Finance team only.' });
    // Rejected: they may ask again.
    expect((await rob.client.post(`/api/join/${approvalToken}`)).status).toBe(202);
  });

  it('lets the requester withdraw their own request, and nobody else', async () => {
    const wendy = await requester('wendy');
    const other = await requester('other');
    const foreign = await other.client.post(`/api/join-requests/${wendy.request.id}/withdraw`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('JOIN_REQUEST_NOT_FOUND');
    const own = await wendy.client.post(`/api/join-requests/${wendy.request.id}/withdraw`);
    expect(own.status).toBe(200);
    expect(own.body.request.status).toBe('withdrawn');
    const approve = await owner.post(`${requests()}/${wendy.request.id}/approve`);
    expect(approve.status).toBe(409);
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, wendy.request.id),
          eq(organizationActivity.action, 'join_request.withdrawn'),
        ),
      );
    expect(activity).toBeDefined();
  });

  it('expires a request after 30 days: it can no longer be approved and a new one may be sent', async () => {
    const old = await requester('old');
    expect(Date.parse(old.request.expiresAt) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    await db
      .update(joinRequest)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(joinRequest.id, old.request.id));
    const listed = await owner.get(`${requests()}?status=expired`);
    expect(listed.body.requests.map((r: { id: string }) => r.id)).toContain(old.request.id);
    const approve = await owner.post(`${requests()}/${old.request.id}/approve`);
    expect(approve.status).toBe(409);
    expect(approve.body.error).toMatchObject({
      code: 'JOIN_REQUEST_NOT_PENDING',
      details: { status: 'expired' },
    });
    expect((await old.client.post(`/api/join/${approvalToken}`)).status).toBe(202);
  });

  it('never approves more people than seats, whatever the race', async () => {
    const { owner: o, org: small } = await ownerWithOrg(app, 'Tiny Desk');
    const link = await o.post(`/api/organizations/${small.id}/invite-links`, {
      role: plain,
      requiresApproval: true,
    });
    const token = new URL(link.body.url).pathname.split('/').pop()!;
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await requester(`seat-${i}`, undefined, token));
    await setOrganizationPlan({ organizationId: small.id, plan: 'tight', seats: 3 });
    const responses = await Promise.all(
      people.map((p) => o.post(`${requests(small.id)}/${p.request.id}/approve`)),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    const refused = responses.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.body.error.code).toBe('SEAT_LIMIT_REACHED');
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(member)
      .where(eq(member.organizationId, small.id));
    expect(count!.n).toBe(3);
  }, 120_000);

  it('runs a fork’s joinRequestCreate and joinRequestApprove policies', async () => {
    const approvePolicy = definePolicy<JoinRequestApproveContext>({
      id: 'test.approval-needs-subscription',
      evaluate: (context) =>
        context.organization.name === 'Gatekeepers' && context.user.email.startsWith('unpaid')
          ? deny({
              code: 'SUBSCRIPTION_REQUIRED',
              message: 'An active subscription is required to add members.',
              remediation: 'Subscribe to a plan first.',
            })
          : allow(),
    });
    const createPolicy = definePolicy<JoinRequestCreateContext>({
      id: 'test.no-requests-from-blocked',
      evaluate: (context) =>
        context.user.email.startsWith('blocked')
          ? deny({ code: 'REQUESTS_CLOSED', message: 'This organization takes no requests.' })
          : allow(),
    });
    kit.registries.joinRequestApprove.registerPolicy(approvePolicy);
    kit.registries.joinRequestCreate.registerPolicy(createPolicy);
    try {
      const unpaid = await requester('unpaid');
      const before = await organizationSnapshot();
      const denied = await owner.post(`${requests()}/${unpaid.request.id}/approve`);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({
        code: 'SUBSCRIPTION_REQUIRED',
        remediation: 'Subscribe to a plan first.',
      });
      expect(await organizationSnapshot()).toEqual(before);

      const blocked = await signUpVerified(app, { name: 'Blocked', email: uniqueEmail('blocked') });
      const beforeRequest = await organizationSnapshot();
      const refused = await blocked.post(`/api/join/${approvalToken}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('REQUESTS_CLOSED');
      // No request, no email to the owners.
      expect(await organizationSnapshot()).toEqual(beforeRequest);
      expect(
        await db
          .select()
          .from(joinRequest)
          .where(eq(joinRequest.userId, (await blocked.get('/api/auth/get-session')).body.user.id)),
      ).toEqual([]);
    } finally {
      kit.registries.joinRequestApprove.unregisterPolicy(approvePolicy.id);
      kit.registries.joinRequestCreate.unregisterPolicy(createPolicy.id);
    }
  });
});
