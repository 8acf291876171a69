import { db, inviteLink, member, organizationActivity } from '@kit/database';
import { setOrganizationPlan } from '@kit/organization';
import type { InvitationAcceptContext } from '@kit/organization-policies';
import { allow, definePolicy, deny } from '@kit/policies';
import { and, eq, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import {
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
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
/** A role that may create links but is not the owner role (the set decides which). */
const manager = roles.holders({ invitation: ['create'] }).find((r) => !roles.isOwner(r))!;
/** A role with no right to manage people. */
const plain = roles.ids.find((r) => !roles.can(r, { invitation: ['create'] }))!;

let owner: TestClient;
let org: OrgView;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Linkville'));
});

const links = (orgId = org.id) => `/api/organizations/${orgId}/invite-links`;
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

async function newLink(body: Record<string, unknown> = {}, client = owner, orgId = org.id) {
  const response = await client.post(links(orgId), { role: plain, ...body });
  expect(response.status).toBe(201);
  return { ...response.body, token: tokenOf(response.body.url) } as {
    link: { id: string; uses: number };
    url: string;
    token: string;
  };
}

async function verifiedUser(label: string, domain = 'example.test') {
  const email = `${uniqueEmail(label).split('@')[0]}@${domain}`;
  return { email, client: await signUpVerified(app, { name: `User ${label}`, email }) };
}

describe('creating and listing links', () => {
  it('answers 201 with the link and its URL once; the list never shows the token and only its hash is stored', async () => {
    const response = await owner.post(links(), {
      role: plain,
      expiresInDays: 3,
      maxUses: 5,
      allowedDomains: ['@Acme.test'],
      requiresApproval: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      link: expect.objectContaining({
        role: plain,
        maxUses: 5,
        uses: 0,
        allowedDomains: ['acme.test'],
        requiresApproval: true,
        status: 'active',
      }),
      url: expect.stringMatching(/^http:\/\/localhost:3000\/join\/[A-Za-z0-9_-]{43}$/),
    });
    const days = (Date.parse(response.body.link.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThanOrEqual(3);
    const token = tokenOf(response.body.url);
    const [row] = await db
      .select()
      .from(inviteLink)
      .where(eq(inviteLink.id, response.body.link.id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    const list = await owner.get(links());
    expect(list.status).toBe(200);
    expect(list.body.links[0]).toEqual(response.body.link);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, response.body.link.id));
    expect(activity).toMatchObject({ action: 'invite_link.created', targetType: 'invite_link' });
  });

  it('defaults to 7 days and refuses more than 30, bad domains and a role above the creator’s', async () => {
    const created = await newLink();
    const days =
      (Date.parse((created.link as { expiresAt: string } & typeof created.link).expiresAt) -
        Date.now()) /
      86_400_000;
    expect(Math.round(days)).toBe(7);
    const before = await organizationSnapshot();
    for (const [body, message] of [
      [{ expiresInDays: 31 }, /at most 30 days/],
      [{ maxUses: 0 }, /at least 1/],
      [{ allowedDomains: ['not a domain'] }, /domain/],
      [{ role: 'nonexistent-role' }, /Role must be one of/],
    ] as const) {
      const response = await owner.post(links(), { role: plain, ...body });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringMatching(message),
      });
    }
    const admin = await joinAs(app, owner, org.id, manager, 'link-admin');
    const tooHigh = roles.ids.find((r) => !roles.mayAssign(manager, r));
    if (tooHigh) {
      const refused = await admin.client.post(links(), { role: tooHigh });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('ROLE_NOT_ALLOWED');
    }
    const allowed = await admin.client.post(links(), { role: manager });
    expect(allowed.status).toBe(201);
    expect((await organizationSnapshot()).members.length).toBe(before.members.length + 1);
  });
});

describe('the public preview and dead links', () => {
  it('shows the organization, the role and whether approval is needed, to anyone holding the link', async () => {
    const { token } = await newLink({ requiresApproval: true });
    const response = await testClient(app).get(`/api/join/${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      organization: { id: org.id, name: 'Linkville', slug: org.slug, logo: null },
      role: plain,
      requiresApproval: true,
      allowedDomains: [],
      expiresAt: expect.any(String),
      viewer: null,
    });
  });

  it('answers each dead state with its own code, for the preview and for joining', async () => {
    const joiner = await verifiedUser('dead-joiner');
    const missing = await joiner.client.get('/api/join/no-such-token');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('INVITE_LINK_NOT_FOUND');

    const revoked = await newLink();
    const revoke = await owner.delete(`${links()}/${revoked.link.id}`);
    expect(revoke.status).toBe(200);
    expect(revoke.body.link.status).toBe('revoked');

    const expired = await newLink();
    await db
      .update(inviteLink)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(inviteLink.id, expired.link.id));

    const usedUp = await newLink({ maxUses: 1 });
    const first = await verifiedUser('first-use');
    expect((await first.client.post(`/api/join/${usedUp.token}`)).status).toBe(200);

    const before = await organizationSnapshot();
    for (const [link, code] of [
      [revoked, 'INVITE_LINK_REVOKED'],
      [expired, 'INVITE_LINK_EXPIRED'],
      [usedUp, 'INVITE_LINK_USED_UP'],
    ] as const) {
      for (const response of [
        await testClient(app).get(`/api/join/${link.token}`),
        await joiner.client.post(`/api/join/${link.token}`),
      ]) {
        expect(response.status).toBe(410);
        expect(response.body.error).toMatchObject({
          code,
          details: { organizationName: 'Linkville' },
        });
      }
    }
    expect(await organizationSnapshot()).toEqual(before);
    const listed = (await owner.get(links())).body.links as Array<{ id: string; status: string }>;
    expect(listed.find((l) => l.id === expired.link.id)!.status).toBe('expired');
    expect(listed.find((l) => l.id === usedUp.link.id)!.status).toBe('used_up');
  });

  it('refuses an address outside the allowed domains (403) and admits one at a subdomain', async () => {
    const { token } = await newLink({ allowedDomains: ['acme.test'] });
    const outsider = await verifiedUser('wrong-domain', 'elsewhere.test');
    const preview = await outsider.client.get(`/api/join/${token}`);
    expect(preview.status).toBe(403);
    expect(preview.body.error).toMatchObject({
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
      details: { allowedDomains: ['acme.test'] },
    });
    const join = await outsider.client.post(`/api/join/${token}`);
    expect(join.status).toBe(403);
    expect(join.body.error.code).toBe('EMAIL_DOMAIN_NOT_ALLOWED');
    const insider = await verifiedUser('right-domain', 'eu.acme.test');
    expect((await insider.client.get(`/api/join/${token}`)).body.viewer).toEqual({
      member: false,
      pendingRequestId: null,
    });
    expect((await insider.client.post(`/api/join/${token}`)).status).toBe(200);
  });
});

describe('joining through a link', () => {
  it('makes a member with the link’s role, counts the use, logs it and activates the organization', async () => {
    const { token, link } = await newLink();
    const joiner = await verifiedUser('joiner');
    const response = await joiner.client.post(`/api/join/${token}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      organization: { id: org.id, name: 'Linkville', slug: org.slug },
      member: { id: expect.any(String), role: plain },
    });
    const [row] = await db.select().from(member).where(eq(member.id, response.body.member.id));
    expect(row).toMatchObject({ organizationId: org.id, role: plain });
    const [stored] = await db.select().from(inviteLink).where(eq(inviteLink.id, link.id));
    expect(stored!.uses).toBe(1);
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, link.id),
          eq(organizationActivity.action, 'invite_link.used'),
        ),
      );
    expect(activity).toMatchObject({ targetLabel: joiner.email, data: { role: plain } });
    const session = await joiner.client.get('/api/auth/get-session');
    expect(session.body.session.activeOrganizationId).toBe(org.id);

    const again = await joiner.client.post(`/api/join/${token}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_MEMBER');
    expect((await joiner.client.get(`/api/join/${token}`)).body.viewer).toEqual({
      member: true,
      pendingRequestId: null,
    });
  });

  it('needs a session to join', async () => {
    const { token } = await newLink();
    const response = await testClient(app).post(`/api/join/${token}`);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHORIZED');
  });

  it('admits exactly maxUses people when 30 join at once through a 10-use link', async () => {
    const { org: busy, owner: busyOwner } = await ownerWithOrg(app, 'Rush Hour');
    const { token, link } = await newLink({ maxUses: 10 }, busyOwner, busy.id);
    // Signed up one after another (sign-up is not what this test races).
    const people: Array<{ client: TestClient }> = [];
    for (let i = 0; i < 30; i++) people.push(await verifiedUser(`rush-${i}`));
    const responses = await Promise.all(people.map((p) => p.client.post(`/api/join/${token}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    const refused = responses.filter((r) => r.status !== 200);
    expect(refused).toHaveLength(20);
    for (const r of refused) {
      expect(r.status).toBe(410);
      expect(r.body.error.code).toBe('INVITE_LINK_USED_UP');
    }
    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(member)
      .where(eq(member.organizationId, busy.id));
    expect(count!.n).toBe(11); // the owner and ten people
    const [stored] = await db.select().from(inviteLink).where(eq(inviteLink.id, link.id));
    expect(stored!.uses).toBe(10);
  }, 180_000);

  it('takes a seat: a full organization answers SEAT_LIMIT_REACHED and nobody joins', async () => {
    const { org: small, owner: smallOwner } = await ownerWithOrg(app, 'Small Team');
    const { token } = await newLink({}, smallOwner, small.id);
    await setOrganizationPlan({ organizationId: small.id, plan: 'tight', seats: 2 });
    const invite = await smallOwner.post(`/api/organizations/${small.id}/invitations`, {
      email: uniqueEmail('seat-holder'),
      role: plain,
    });
    expect(invite.status).toBe(201); // the pending invitation holds the second seat
    const joiner = await verifiedUser('no-seat');
    const before = await organizationSnapshot();
    const response = await joiner.client.post(`/api/join/${token}`);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('SEAT_LIMIT_REACHED');
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('runs the invitationAccept policies with source "invite-link": a denial is a 403 with its code and changes nothing', async () => {
    const seen: InvitationAcceptContext[] = [];
    const policy = definePolicy<InvitationAcceptContext>({
      id: 'test.no-link-joins-for-contractors',
      evaluate: (context) => {
        seen.push(context);
        return context.source === 'invite-link' && context.user.email.startsWith('contractor')
          ? deny({
              code: 'CONTRACTORS_NEED_AN_INVITATION',
              message: 'Contractors join by invitation only.',
              remediation: 'Ask an admin to invite you.',
            })
          : allow();
      },
    });
    kit.registries.invitationAccept.registerPolicy(policy);
    try {
      const { token, link } = await newLink();
      const contractor = await verifiedUser('contractor');
      const before = await organizationSnapshot();
      const denied = await contractor.client.post(`/api/join/${token}`);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toMatchObject({
        code: 'CONTRACTORS_NEED_AN_INVITATION',
        message: 'Contractors join by invitation only.',
        remediation: 'Ask an admin to invite you.',
      });
      expect(await organizationSnapshot()).toEqual(before);
      const [stored] = await db.select().from(inviteLink).where(eq(inviteLink.id, link.id));
      expect(stored!.uses).toBe(0);
      expect(seen.at(-1)).toMatchObject({
        source: 'invite-link',
        organizationId: org.id,
        invitation: {
          id: link.id,
          email: contractor.email,
          role: plain,
          metadata: { inviteLinkId: link.id },
        },
        inviteLink: { id: link.id, uses: 0, requiresApproval: false },
      });
      const employee = await verifiedUser('employee');
      expect((await employee.client.post(`/api/join/${token}`)).status).toBe(200);
    } finally {
      kit.registries.invitationAccept.unregisterPolicy(policy.id);
    }
  });

  it('lets a link be revoked by its organization only, and revoking twice changes nothing', async () => {
    const { link } = await newLink();
    const { owner: stranger, org: strangerOrg } = await ownerWithOrg(app, 'Strangers');
    const across = await stranger.delete(`${links(strangerOrg.id)}/${link.id}`);
    expect(across.status).toBe(404);
    expect(across.body.error.code).toBe('INVITE_LINK_NOT_FOUND');
    expect((await owner.delete(`${links()}/${link.id}`)).body.link.status).toBe('revoked');
    const activityBefore = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, link.id));
    expect((await owner.delete(`${links()}/${link.id}`)).status).toBe(200);
    const activityAfter = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, link.id));
    expect(activityAfter).toEqual(activityBefore);
  });
});
