import {
  db,
  invitation,
  member,
  organization,
  organizationActivity,
  subscription,
  user,
} from '@kit/database';
import {
  acceptInvitation,
  cancelInvitation,
  createInvitation,
  signUpWithInvitation,
  type Actor,
} from '@kit/organization';
import type { InvitationAcceptContext, InvitationCreateContext } from '@kit/organization-policies';
import { subscriptionRequiredPolicy } from '@kit/organization-policies/policies/custom';
import {
  allow,
  definePolicy,
  deny,
  POLICY_EVALUATION_ERROR,
  POLICY_EVALUATION_ERROR_MESSAGE,
  PolicyDeniedError,
  type Policy,
  type PolicyRegistry,
} from '@kit/policies';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import {
  actorFor,
  emailsTo,
  invitationToken,
  organizationSnapshot,
  ownerWithOrg,
  sessionHeaders,
  uniqueEmail,
  unlimitedSeats,
  type OrgView,
} from './testing/organizations';

const { app, auth, registries } = createTestKit();
const {
  invitationCreate: invitationCreateRegistry,
  invitationAccept: invitationAcceptRegistry,
  invitationCancel: invitationCancelRegistry,
} = registries;

const registered: Array<() => void> = [];

function register<Ctx>(registry: PolicyRegistry<Ctx>, policy: Policy<Ctx>) {
  registry.registerPolicy(policy);
  registered.push(() => registry.unregisterPolicy(policy.id));
}

afterEach(() => {
  for (const unregister of registered.splice(0)) unregister();
  vi.restoreAllMocks();
});

/** What a policy saw, without the live database handle (which cannot be copied). */
function plain<Ctx extends { db: unknown }>(context: Ctx): Omit<Ctx, 'db'> {
  const { db: handle, ...rest } = context;
  expect(handle).toBeTruthy();
  return structuredClone(rest);
}

let owner: TestClient;
let ownerEmail: string;
let ownerActor: Actor;
let org: OrgView;

beforeAll(async () => {
  ({ owner, org, email: ownerEmail } = await ownerWithOrg(app, 'Policy Org'));
  await unlimitedSeats(org.id);
  ownerActor = await actorFor(ownerEmail);
});

const invitationsTo = (email: string) =>
  db.select().from(invitation).where(eq(invitation.email, email));

async function expectNoEmail(email: string) {
  expect(await emailsTo(email)).toEqual([]);
}

async function invite(email: string, role = 'member') {
  const response = await owner.post(`/api/organizations/${org.id}/invitations`, { email, role });
  expect(response.status).toBe(201);
  return { id: response.body.invitation.id as string, token: await invitationToken(email) };
}

const frozen = definePolicy<InvitationCreateContext>({
  id: 'invitation-create.frozen',
  evaluate: () =>
    deny({
      code: 'INVITES_FROZEN',
      message: 'Invitations are paused during the audit.',
      remediation: 'Try again once the audit is over.',
      metadata: { audit: 'Q3' },
    }),
});

describe('invitationCreate policies', () => {
  it('a denial answers 403 with the policy’s code, message, remediation and id, and stores or sends nothing', async () => {
    register(invitationCreateRegistry, frozen);
    const email = uniqueEmail('frozen');
    const before = await organizationSnapshot();

    const response = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email,
      role: 'member',
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: 'INVITES_FROZEN',
        message: 'Invitations are paused during the audit.',
        remediation: 'Try again once the audit is over.',
        details: { policyId: 'invitation-create.frozen', metadata: { audit: 'Q3' } },
      },
    });

    const serverSide = createInvitation({
      actor: ownerActor,
      organizationId: org.id,
      input: { email },
      source: 'server',
    });
    await expect(serverSide).rejects.toBeInstanceOf(PolicyDeniedError);
    await expect(serverSide).rejects.toMatchObject({
      code: 'INVITES_FROZEN',
      policyId: 'invitation-create.frozen',
      remediation: 'Try again once the audit is over.',
    });

    expect(await invitationsTo(email)).toEqual([]);
    await expectNoEmail(email);
    expect(await organizationSnapshot()).toEqual(before);

    // Nothing half-done stands in the way once the policy is gone.
    registered.splice(0).forEach((unregister) => unregister());
    expect(
      (await owner.post(`/api/organizations/${org.id}/invitations`, { email, role: 'member' }))
        .status,
    ).toBe(201);
    expect(await invitationsTo(email)).toHaveLength(1);
  });

  it('gives the policy the organization, the inviter with their role, the normalized email, role and metadata', async () => {
    const seen: Omit<InvitationCreateContext, 'db'>[] = [];
    register(
      invitationCreateRegistry,
      definePolicy<InvitationCreateContext>({
        id: 'invitation-create.spy',
        evaluate: (context) => {
          seen.push(plain(context));
          return allow();
        },
      }),
    );
    const response = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: '  Context.Check@Example.TEST ',
      role: 'admin',
      metadata: { team: 'design', seats: 2 },
    });
    expect(response.status).toBe(201);
    await createInvitation({
      actor: ownerActor,
      organizationId: org.id,
      input: { email: 'server.side@example.test' },
      source: 'server',
    });

    expect(seen).toEqual([
      {
        organizationId: org.id,
        organization: { id: org.id, name: 'Policy Org', slug: org.slug },
        inviter: {
          userId: ownerActor.userId,
          name: ownerActor.name,
          email: ownerEmail,
          role: 'owner',
        },
        email: 'context.check@example.test',
        role: 'admin',
        metadata: { team: 'design', seats: 2 },
        source: 'api',
      },
      expect.objectContaining({
        email: 'server.side@example.test',
        role: 'member',
        metadata: {},
        source: 'server',
      }),
    ]);
  });

  it('turns a throwing policy into 403 POLICY_EVALUATION_ERROR without revealing the cause', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    register(
      invitationCreateRegistry,
      definePolicy<InvitationCreateContext>({
        id: 'invitation-create.broken',
        evaluate: () => {
          throw new Error('connection to billing-db.internal refused');
        },
      }),
    );
    const email = uniqueEmail('broken');
    const response = await owner.post(`/api/organizations/${org.id}/invitations`, { email });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: POLICY_EVALUATION_ERROR,
        message: POLICY_EVALUATION_ERROR_MESSAGE,
        details: { policyId: 'invitation-create.broken' },
      },
    });
    expect(JSON.stringify(response.body)).not.toContain('billing-db');
    expect(logged).toHaveBeenCalled();
    expect(await invitationsTo(email)).toEqual([]);
    await expectNoEmail(email);
  });

  it('the kit’s subscriptionRequiredPolicy denies until the organization has an active subscription', async () => {
    register(invitationCreateRegistry, subscriptionRequiredPolicy);
    const { owner: payer, org: unpaid } = await ownerWithOrg(app, 'Unpaid Org', 'payer');
    const email = uniqueEmail('paid-invitee');
    const attempt = () => payer.post(`/api/organizations/${unpaid.id}/invitations`, { email });
    const subscribe = (referenceId: string, status: string) =>
      db.insert(subscription).values({ id: randomUUID(), plan: 'team', referenceId, status });

    const denied = await attempt();
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: 'SUBSCRIPTION_REQUIRED',
        message: 'An active subscription is required to invite members',
        remediation: 'Subscribe to a plan first',
        details: { policyId: 'invitation-create.subscription-required' },
      },
    });
    // Neither a lapsed subscription nor another organization's active one counts.
    await subscribe(unpaid.id, 'canceled');
    await subscribe(org.id, 'active');
    expect((await attempt()).body.error.code).toBe('SUBSCRIPTION_REQUIRED');
    expect(await invitationsTo(email)).toEqual([]);

    await subscribe(unpaid.id, 'active');
    const allowed = await attempt();
    expect(allowed.status).toBe(201);
    expect(await invitationsTo(email)).toEqual([
      expect.objectContaining({ organizationId: unpaid.id, status: 'pending' }),
    ]);
  });
});

describe('invitationAccept policies', () => {
  const closed = definePolicy<InvitationAcceptContext>({
    id: 'invitation-accept.closed',
    evaluate: () =>
      deny({ code: 'JOINING_CLOSED', message: 'This organization is not taking new members.' }),
  });

  it('blocks accepting over REST and server-side; the invitation stays usable', async () => {
    const email = uniqueEmail('acceptor');
    const invitee = await signUpVerified(app, { name: 'Acceptor', email });
    const { id, token } = await invite(email);
    register(invitationAcceptRegistry, closed);

    const response = await invitee.post(`/api/invitations/${token}/accept`);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: 'JOINING_CLOSED',
        message: 'This organization is not taking new members.',
        details: { policyId: 'invitation-accept.closed' },
      },
    });
    await expect(
      acceptInvitation({ actor: await actorFor(email), token, source: 'server' }),
    ).rejects.toMatchObject({
      code: 'JOINING_CLOSED',
      policyId: 'invitation-accept.closed',
    });
    const [row] = await db.select().from(invitation).where(eq(invitation.id, id));
    expect(row!.status).toBe('pending');
    const userId = (await actorFor(email)).userId;
    expect(await db.select().from(member).where(eq(member.userId, userId))).toEqual([]);

    registered.splice(0).forEach((unregister) => unregister());
    const seen: Omit<InvitationAcceptContext, 'db'>[] = [];
    register(
      invitationAcceptRegistry,
      definePolicy<InvitationAcceptContext>({
        id: 'invitation-accept.spy',
        evaluate: (context) => {
          seen.push(plain(context));
          return allow();
        },
      }),
    );
    expect((await invitee.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    expect(seen).toEqual([
      {
        organizationId: org.id,
        organization: { id: org.id, name: 'Policy Org', slug: org.slug },
        invitation: expect.objectContaining({
          id,
          email,
          role: 'member',
          inviterId: ownerActor.userId,
        }),
        user: { id: userId, name: 'Acceptor', email },
        source: 'api',
      },
    ]);
  });

  it('blocks signing up through the invitation before any account is created', async () => {
    const email = uniqueEmail('newcomer');
    const { id, token } = await invite(email);
    register(invitationAcceptRegistry, closed);

    const response = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Newcomer',
      password: 'a-good-password',
    });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({
      code: 'JOINING_CLOSED',
      details: { policyId: 'invitation-accept.closed' },
    });
    expect(response.headers.getSetCookie()).toEqual([]);
    await expect(
      signUpWithInvitation({ token, input: { name: 'Newcomer', password: 'a-good-password' } }),
    ).rejects.toMatchObject({
      code: 'JOINING_CLOSED',
    });
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);
    expect((await db.select().from(invitation).where(eq(invitation.id, id)))[0]!.status).toBe(
      'pending',
    );

    // Once allowed, the same link signs up (no ACCOUNT_EXISTS left behind by the refusals).
    registered.splice(0).forEach((unregister) => unregister());
    const later = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Newcomer',
      password: 'a-good-password',
    });
    expect(later.status).toBe(201);
    expect(later.body.member.role).toBe('member');
  });
});

describe('invitationCancel policies', () => {
  it('blocks canceling over REST and server-side; the link keeps working', async () => {
    const email = uniqueEmail('keep');
    const { id, token } = await invite(email);
    register(
      invitationCancelRegistry,
      definePolicy({
        id: 'invitation-cancel.locked',
        evaluate: () =>
          deny({
            code: 'CANCEL_LOCKED',
            message: 'Invitations cannot be withdrawn.',
            remediation: 'Ask support.',
          }),
      }),
    );
    const response = await owner.delete(`/api/organizations/${org.id}/invitations/${id}`);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: {
        code: 'CANCEL_LOCKED',
        message: 'Invitations cannot be withdrawn.',
        remediation: 'Ask support.',
        details: { policyId: 'invitation-cancel.locked' },
      },
    });
    await expect(
      cancelInvitation({
        actor: ownerActor,
        organizationId: org.id,
        invitationId: id,
        source: 'server',
      }),
    ).rejects.toMatchObject({
      code: 'CANCEL_LOCKED',
    });
    expect((await db.select().from(invitation).where(eq(invitation.id, id)))[0]!.status).toBe(
      'pending',
    );
    expect((await testClient(app).get(`/api/invitations/${token}`)).status).toBe(200);
    const canceledActivity = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, id),
          eq(organizationActivity.action, 'invitation.canceled'),
        ),
      );
    expect(canceledActivity).toEqual([]);
  });
});

describe('better-auth’s own organization endpoints', () => {
  it('answers 404 over HTTP and changes nothing', async () => {
    const email = uniqueEmail('side-door');
    const { id } = await invite(email);
    const before = await organizationSnapshot();
    const calls: Array<[string, unknown]> = [
      [
        '/api/auth/organization/invite-member',
        { email: uniqueEmail('http'), role: 'member', organizationId: org.id },
      ],
      ['/api/auth/organization/accept-invitation', { invitationId: id }],
      ['/api/auth/organization/cancel-invitation', { invitationId: id }],
      ['/api/auth/organization/create', { name: 'Back Door', slug: 'back-door' }],
      ['/api/auth/organization/update', { organizationId: org.id, data: { name: 'Hijacked' } }],
      ['/api/auth/organization/delete', { organizationId: org.id }],
      ['/api/auth/organization/leave', { organizationId: org.id }],
      [
        '/api/auth/organization/update-member-role',
        { organizationId: org.id, memberId: 'x', role: 'owner' },
      ],
    ];
    for (const [path, body] of calls) {
      const response = await owner.post(path, body);
      expect({ path, status: response.status, code: response.body.error.code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    expect((await owner.get('/api/auth/organization/list')).status).toBe(404);
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('refuses server-side calls with USE_ORGANIZATION_SERVICE and changes nothing', async () => {
    const inviteeEmail = uniqueEmail('server-invitee');
    const invitee = await signUpVerified(app, { name: 'Server Invitee', email: inviteeEmail });
    const { id: invitationId } = await invite(inviteeEmail);
    const inviteeId = (await actorFor(inviteeEmail)).userId;
    const adminEmail = uniqueEmail('server-admin');
    const adminClient = await signUpVerified(app, { name: 'Server Admin', email: adminEmail });
    const { token: adminToken } = await invite(adminEmail, 'admin');
    expect((await adminClient.post(`/api/invitations/${adminToken}/accept`)).status).toBe(200);
    const [adminMember] = await db
      .select()
      .from(member)
      .where(eq(member.userId, (await actorFor(adminEmail)).userId));
    const ownerHeaders = sessionHeaders(owner);
    const sideEmail = uniqueEmail('server-side');

    const before = await organizationSnapshot();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      [
        'createInvitation',
        // The typed body also asks for the kit's server-only columns; a caller would send just these.
        () =>
          auth.api.createInvitation({
            body: { email: sideEmail, role: 'member', organizationId: org.id } as NonNullable<
              Parameters<typeof auth.api.createInvitation>[0]
            >['body'],
            headers: ownerHeaders,
          }),
      ],
      [
        'acceptInvitation',
        () =>
          auth.api.acceptInvitation({ body: { invitationId }, headers: sessionHeaders(invitee) }),
      ],
      [
        'rejectInvitation',
        () =>
          auth.api.rejectInvitation({ body: { invitationId }, headers: sessionHeaders(invitee) }),
      ],
      [
        'cancelInvitation',
        () => auth.api.cancelInvitation({ body: { invitationId }, headers: ownerHeaders }),
      ],
      [
        'addMember',
        () =>
          auth.api.addMember({
            body: { userId: inviteeId, role: 'member', organizationId: org.id },
          }),
      ],
      [
        'updateMemberRole',
        () =>
          auth.api.updateMemberRole({
            body: { memberId: adminMember!.id, role: 'member', organizationId: org.id },
            headers: ownerHeaders,
          }),
      ],
      [
        'removeMember',
        () =>
          auth.api.removeMember({
            body: { memberIdOrEmail: adminMember!.id, organizationId: org.id },
            headers: ownerHeaders,
          }),
      ],
      [
        'leaveOrganization',
        () =>
          auth.api.leaveOrganization({
            body: { organizationId: org.id },
            headers: sessionHeaders(adminClient),
          }),
      ],
      [
        'createOrganization',
        () =>
          auth.api.createOrganization({
            body: { name: 'Server Side Org', slug: 'server-side-org' },
            headers: ownerHeaders,
          }),
      ],
      [
        'updateOrganization',
        () =>
          auth.api.updateOrganization({
            body: { organizationId: org.id, data: { name: 'Renamed Aside' } },
            headers: ownerHeaders,
          }),
      ],
      [
        'deleteOrganization',
        () =>
          auth.api.deleteOrganization({ body: { organizationId: org.id }, headers: ownerHeaders }),
      ],
    ];
    for (const [name, call] of attempts) {
      const outcome = await call().then(
        () => ({ name, refused: false, code: undefined }),
        (error: { body?: { code?: string } }) => ({ name, refused: true, code: error.body?.code }),
      );
      expect(outcome).toEqual({ name, refused: true, code: 'USE_ORGANIZATION_SERVICE' });
    }
    expect(await organizationSnapshot()).toEqual(before);
    expect(
      await db.select().from(organization).where(eq(organization.slug, 'server-side-org')),
    ).toEqual([]);
    await expectNoEmail(sideEmail);
  });
});
