import { allowedEmailDomainsPolicy, invitationQuotaPolicy } from '@kit/organization-policies';
import { setOrganizationPlan } from '@kit/organization';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import {
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

/** GET …/invitations/permission: "may I invite?", answered by the same checks as inviting. */
const { app, registries } = createTestKit();

let owner: TestClient;
let org: OrgView;
let admin: JoinedMember;
let member: JoinedMember;
const permission = (client: TestClient, query = '', orgId = org.id) =>
  client.get(`/api/organizations/${orgId}/invitations/permission${query}`);

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Precheck Org', 'precheck-owner'));
  await unlimitedSeats(org.id);
  admin = await joinAs(app, owner, org.id, 'admin', 'precheck-admin');
  member = await joinAs(app, owner, org.id, 'member', 'precheck-member');
});

afterEach(() => {
  for (const policy of registries.invitationCreate.listPolicies())
    registries.invitationCreate.unregisterPolicy(policy.id);
});

describe('who may ask', () => {
  it('answers owners and admins, tells members why not, hides the organization from others', async () => {
    expect(await permission(owner)).toMatchObject({ status: 200, body: { allowed: true } });
    expect((await permission(admin.client)).body).toEqual({ allowed: true });
    const asMember = await permission(member.client);
    expect(asMember.status).toBe(200);
    expect(asMember.body).toEqual({
      allowed: false,
      code: 'INSUFFICIENT_PERMISSIONS',
      message: 'Your role does not allow this action.',
    });
    const outsider = await signUpVerified(app, { name: 'Out', email: uniqueEmail('out') });
    const hidden = await permission(outsider);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    const anonymous = await permission(testClient(app));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a role above the caller’s own and rejects malformed input with 400', async () => {
    expect((await permission(admin.client, '?role=owner')).body).toMatchObject({
      allowed: false,
      code: 'ROLE_NOT_ALLOWED',
    });
    const badEmail = await permission(owner, '?email=not-an-email');
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe('VALIDATION_ERROR');
    const badRole = await permission(owner, '?role=king');
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('what it checks', () => {
  it('runs the invitationCreate registry with source precheck and shows the denial', async () => {
    registries.invitationCreate.registerPolicy(invitationQuotaPolicy({ perUser: 0 }));
    expect((await permission(owner)).body).toEqual({
      allowed: false,
      code: 'INVITATION_QUOTA_EXCEEDED',
      message: 'You have used all 0 of your invitations for this organization.',
      remediation: 'Ask an owner to invite more people, or to raise your invitation quota.',
    });
  });

  it('checks an address when one is given, and nothing when it is not', async () => {
    registries.invitationCreate.registerPolicy(
      allowedEmailDomainsPolicy({ domains: ['acme.test'] }),
    );
    expect((await permission(owner)).body).toEqual({ allowed: true });
    expect((await permission(owner, '?email=a@acme.test&role=admin')).body).toEqual({
      allowed: true,
    });
    expect((await permission(owner, '?email=a@gmail.test')).body).toMatchObject({
      allowed: false,
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
    });
    expect(
      (await permission(owner, `?email=${encodeURIComponent(member.email)}`)).body,
    ).toMatchObject({
      allowed: false,
      code: 'ALREADY_MEMBER',
    });
  });

  it('reports a full organization for a given address (the form shows seats itself) and changes nothing', async () => {
    const { owner: full, org: fullOrg } = await ownerWithOrg(app, 'Full Org', 'full-owner');
    await setOrganizationPlan({ organizationId: fullOrg.id, plan: 'team', seats: 1 });
    const before = await organizationSnapshot();
    expect((await permission(full, '', fullOrg.id)).body).toEqual({ allowed: true });
    expect((await permission(full, '?email=next@example.test', fullOrg.id)).body).toMatchObject({
      allowed: false,
      code: 'SEAT_LIMIT_REACHED',
    });
    expect(await organizationSnapshot()).toEqual(before);
  });
});
