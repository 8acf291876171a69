import { db, invitation } from '@kit/database';
import { allowedEmailDomainsPolicy, invitationQuotaPolicy } from '@kit/organization-policies';
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, type TestClient } from './testing/client';

const { app, registries } = createTestKit();
const invitationCreateRegistry = registries.invitationCreate;

let owner: TestClient;
let n = 0;
const newOrg = async () =>
  (await owner.post('/api/organizations', { name: `Policy Org ${++n}` })).body.id as string;

beforeAll(async () => {
  owner = await signUpVerified(app, { name: 'Policy Owner', email: 'policy-owner@example.com' });
});

afterEach(() => {
  for (const policy of invitationCreateRegistry.listPolicies())
    invitationCreateRegistry.unregisterPolicy(policy.id);
});

describe('invitationQuotaPolicy', () => {
  it('stops a member at N invitations per organization, counting bulk rows and not resends', async () => {
    invitationCreateRegistry.registerPolicy(invitationQuotaPolicy({ perUser: 3 }));
    const orgId = await newOrg();
    const first = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'q1@example.com',
    });
    expect(first.status).toBe(201);
    // A resend replaces the invitation and does not use quota.
    expect(
      (
        await owner.post(
          `/api/organizations/${orgId}/invitations/${first.body.invitation.id}/resend`,
        )
      ).status,
    ).toBe(200);
    const bulk = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, {
      invitations: ['q2', 'q3', 'q4'].map((q) => ({ email: `${q}@example.com`, role: 'member' })),
    });
    expect(
      bulk.body.results.map((r: { status: string; code?: string }) => [r.status, r.code]),
    ).toEqual([
      ['invited', undefined],
      ['invited', undefined],
      ['denied', 'INVITATION_QUOTA_EXCEEDED'],
    ]);
    const single = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'q5@example.com',
    });
    expect(single.status).toBe(403);
    expect(single.body.error).toMatchObject({
      code: 'INVITATION_QUOTA_EXCEEDED',
      message: 'You have used all 3 of your invitations for this organization.',
      remediation: expect.any(String),
      details: { policyId: 'invitation-create.quota', metadata: { limit: 3, sent: 3 } },
    });
    // Quotas are per organization.
    expect(
      (
        await owner.post(`/api/organizations/${await newOrg()}/invitations`, {
          email: 'q5@example.com',
        })
      ).status,
    ).toBe(201);
  });
});

describe('allowedEmailDomainsPolicy', () => {
  it('lets through the listed domains and their subdomains only', async () => {
    invitationCreateRegistry.registerPolicy(allowedEmailDomainsPolicy({ domains: ['acme.com'] }));
    const orgId = await newOrg();
    expect(
      (await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'a@acme.com' })).status,
    ).toBe(201);
    expect(
      (await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'b@eu.acme.com' }))
        .status,
    ).toBe(201);
    const outside = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'c@notacme.com',
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error).toMatchObject({
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
      message: 'Invitations can only be sent to @acme.com addresses.',
      details: { policyId: 'invitation-create.allowed-email-domains' },
    });
    const rows = await db.select().from(invitation).where(eq(invitation.organizationId, orgId));
    expect(rows.map((r) => r.email).sort()).toEqual(['a@acme.com', 'b@eu.acme.com']);
  });

  it('refuses a configuration without domains', () => {
    expect(() => allowedEmailDomainsPolicy({ domains: [' '] })).toThrow(/at least one domain/);
  });
});
