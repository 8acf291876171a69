import { db, invitation, organization, subscription, user } from '@kit/database';
import { afterEach, describe, expect, it } from 'vitest';
import {
  allowedEmailDomainsPolicy,
  invitationAcceptRegistry,
  invitationCancelRegistry,
  invitationCreateRegistry,
  invitationQuotaPolicy,
  type InvitationCreateContext,
} from './index';
import { subscriptionRequiredPolicy } from './policies/custom';

const context = (overrides: Partial<InvitationCreateContext> = {}): InvitationCreateContext => ({
  organizationId: 'org_1',
  organization: { id: 'org_1', name: 'Acme', slug: 'acme' },
  inviter: { userId: 'u_1', name: 'Olivia', email: 'olivia@acme.com', role: 'owner' },
  email: 'new@acme.com',
  role: 'member',
  metadata: {},
  source: 'server',
  ...overrides,
});

afterEach(() => {
  for (const registry of [
    invitationCreateRegistry,
    invitationAcceptRegistry,
    invitationCancelRegistry,
  ]) {
    for (const policy of registry.listPolicies()) registry.unregisterPolicy(policy.id);
  }
});

describe('the shipped registries', () => {
  it('start empty, so every operation is allowed', async () => {
    expect(invitationCreateRegistry.listPolicies()).toEqual([]);
    expect(invitationAcceptRegistry.listPolicies()).toEqual([]);
    expect(invitationCancelRegistry.listPolicies()).toEqual([]);
    expect(await invitationCreateRegistry.evaluate(context())).toEqual({
      allowed: true,
      evaluated: [],
    });
  });
});

describe('the documented subscription-required example', () => {
  it('denies without an active or trialing subscription and allows with one', async () => {
    invitationCreateRegistry.registerPolicy(subscriptionRequiredPolicy);
    await db.insert(organization).values({ id: 'org_1', name: 'Acme', slug: 'acme' });

    expect(await invitationCreateRegistry.evaluate(context())).toMatchObject({
      allowed: false,
      policyId: 'invitation-create.subscription-required',
      code: 'SUBSCRIPTION_REQUIRED',
      message: 'An active subscription is required to invite members',
      remediation: 'Subscribe to a plan first',
    });

    await db
      .insert(subscription)
      .values({ id: 's_old', plan: 'team', referenceId: 'org_1', status: 'canceled' });
    expect((await invitationCreateRegistry.evaluate(context())).allowed).toBe(false);

    await db
      .insert(subscription)
      .values({ id: 's_new', plan: 'team', referenceId: 'org_1', status: 'trialing' });
    expect(await invitationCreateRegistry.evaluate(context())).toMatchObject({ allowed: true });
  });
});

describe('invitationQuotaPolicy', () => {
  it('counts stored invitations of this inviter (not replaced ones) plus earlier rows of the batch', async () => {
    await db.insert(user).values({ id: 'u_1', name: 'Olivia', email: 'olivia@acme.com' });
    await db.insert(organization).values({ id: 'org_2', name: 'Quota', slug: 'quota' });
    const base = {
      organizationId: 'org_2',
      inviterId: 'u_1',
      role: 'member',
      expiresAt: new Date(Date.now() + 1e6),
    };
    await db.insert(invitation).values([
      { ...base, id: 'i1', email: 'a@x.com', tokenHash: 'h1', status: 'pending' },
      { ...base, id: 'i2', email: 'b@x.com', tokenHash: 'h2', status: 'replaced' },
      { ...base, id: 'i3', email: 'c@x.com', tokenHash: 'h3', status: 'accepted' },
    ]);
    invitationCreateRegistry.registerPolicy(invitationQuotaPolicy({ perUser: 3 }));
    const quota = { organizationId: 'org_2' };
    expect((await invitationCreateRegistry.evaluate(context(quota))).allowed).toBe(true);
    const full = await invitationCreateRegistry.evaluate(
      context({ ...quota, batch: { size: 5, position: 1, allowedBefore: 1 } }),
    );
    expect(full).toMatchObject({
      allowed: false,
      code: 'INVITATION_QUOTA_EXCEEDED',
      metadata: { limit: 3, sent: 3 },
    });
    expect(() => invitationQuotaPolicy({ perUser: -1 })).toThrow(/whole number/);
  });
});

describe('allowedEmailDomainsPolicy', () => {
  it('matches domains and subdomains case-insensitively, and nothing that merely ends alike', async () => {
    invitationCreateRegistry.registerPolicy(allowedEmailDomainsPolicy({ domains: ['@Acme.com'] }));
    expect(
      (await invitationCreateRegistry.evaluate(context({ email: 'x@acme.com' }))).allowed,
    ).toBe(true);
    expect(
      (await invitationCreateRegistry.evaluate(context({ email: 'x@eu.acme.com' }))).allowed,
    ).toBe(true);
    expect(
      await invitationCreateRegistry.evaluate(context({ email: 'x@evilacme.com' })),
    ).toMatchObject({
      allowed: false,
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
    });
  });
});
