import { db, invitation, organization, subscription, user } from '@kit/database';
import { allow, definePolicy, deny, liveHandle } from '@kit/policies';
import { describe, expect, it } from 'vitest';
import {
  allowedEmailDomainsPolicy,
  createInvitationRegistries,
  invitationQuotaPolicy,
  type InvitationCreateContext,
} from './index';
import { subscriptionRequiredPolicy } from './policies/custom';
import { invitationCreateRegistry } from './registry';
import {
  invitationAcceptContext,
  invitationCancelContext,
  invitationCreateContext,
} from './testing';

describe('createInvitationRegistries', () => {
  it('gives fresh, empty registries that allow everything', async () => {
    const registries = createInvitationRegistries();
    expect(registries.invitationCreate.listPolicies()).toEqual([]);
    expect(await registries.invitationCreate.evaluate(invitationCreateContext())).toEqual({
      allowed: true,
      evaluated: [],
    });
    expect((await registries.invitationAccept.evaluate(invitationAcceptContext())).allowed).toBe(
      true,
    );
    expect((await registries.invitationCancel.evaluate(invitationCancelContext())).allowed).toBe(
      true,
    );
  });

  it('are independent of the application registries in registry.ts', async () => {
    const denyAll = definePolicy<InvitationCreateContext>({
      id: 'test.deny-all',
      evaluate: () => deny({ code: 'DENIED', message: 'No.' }),
    });
    invitationCreateRegistry.registerPolicy(denyAll);
    try {
      const fresh = createInvitationRegistries();
      expect((await fresh.invitationCreate.evaluate(invitationCreateContext())).allowed).toBe(true);
      expect((await invitationCreateRegistry.evaluate(invitationCreateContext())).allowed).toBe(
        false,
      );
    } finally {
      invitationCreateRegistry.unregisterPolicy(denyAll.id);
    }
  });
});

describe('the context builders', () => {
  it('let a policy be unit-tested without a database', async () => {
    const registries = createInvitationRegistries();
    registries.invitationCreate.registerPolicy(
      definePolicy<InvitationCreateContext>({
        id: 'test.no-owner-invites',
        evaluate: ({ role }) =>
          role === 'owner' ? deny({ code: 'OWNER_INVITES_DISABLED', message: 'No.' }) : allow(),
      }),
    );
    const { invitationCreate } = registries;
    expect((await invitationCreate.evaluate(invitationCreateContext())).allowed).toBe(true);
    expect(
      await invitationCreate.evaluate(invitationCreateContext({ role: 'owner' })),
    ).toMatchObject({ allowed: false, code: 'OWNER_INVITES_DISABLED' });
  });

  it('explain that a database is needed when a policy queries one', async () => {
    const errors: unknown[] = [];
    const { invitationCreate } = createInvitationRegistries({
      onError: (error) => errors.push(error),
    });
    invitationCreate.registerPolicy(invitationQuotaPolicy({ perUser: 1 }));
    expect(await invitationCreate.evaluate(invitationCreateContext())).toMatchObject({
      allowed: false,
      code: 'POLICY_EVALUATION_ERROR',
    });
    expect(String(errors[0])).toMatch(/test context has no database/);
  });
});

describe('the documented subscription-required example', () => {
  it('denies without an active or trialing subscription and allows with one', async () => {
    const { invitationCreate } = createInvitationRegistries();
    invitationCreate.registerPolicy(subscriptionRequiredPolicy);
    await db.insert(organization).values({ id: 'org_1', name: 'Acme', slug: 'acme' });
    const context = () => invitationCreateContext({ organizationId: 'org_1' });

    expect(await invitationCreate.evaluate(context())).toMatchObject({
      allowed: false,
      policyId: 'invitation-create.subscription-required',
      code: 'SUBSCRIPTION_REQUIRED',
      message: 'An active subscription is required to invite members',
      remediation: 'Subscribe to a plan first',
    });

    await db
      .insert(subscription)
      .values({ id: 's_old', plan: 'team', referenceId: 'org_1', status: 'canceled' });
    expect((await invitationCreate.evaluate(context())).allowed).toBe(false);

    await db
      .insert(subscription)
      .values({ id: 's_new', plan: 'team', referenceId: 'org_1', status: 'trialing' });
    expect(await invitationCreate.evaluate(context())).toMatchObject({ allowed: true });
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
    const { invitationCreate } = createInvitationRegistries();
    invitationCreate.registerPolicy(invitationQuotaPolicy({ perUser: 3 }));
    const context = (overrides: Partial<InvitationCreateContext> = {}) =>
      invitationCreateContext({
        organizationId: 'org_2',
        inviter: { userId: 'u_1', name: 'Olivia', email: 'olivia@acme.com', role: 'owner' },
        db: liveHandle(db),
        ...overrides,
      });
    expect((await invitationCreate.evaluate(context())).allowed).toBe(true);
    const full = await invitationCreate.evaluate(
      context({ batch: { size: 5, position: 1, allowedBefore: 1 } }),
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
    const { invitationCreate } = createInvitationRegistries();
    invitationCreate.registerPolicy(allowedEmailDomainsPolicy({ domains: ['@Acme.com'] }));
    const decide = async (email: string | null) =>
      invitationCreate.evaluate(invitationCreateContext({ email }));
    expect((await decide('x@acme.com')).allowed).toBe(true);
    expect((await decide('x@eu.acme.com')).allowed).toBe(true);
    expect(await decide('x@evilacme.com')).toMatchObject({
      allowed: false,
      code: 'EMAIL_DOMAIN_NOT_ALLOWED',
    });
    // A pre-check before the address is entered is not refused on the address.
    expect((await decide(null)).allowed).toBe(true);
  });
});
