import { describe, expect, it } from 'vitest';
import {
  allow,
  createPolicyRegistry,
  definePolicy,
  deny,
  type Policy,
  type PolicyDecision,
} from '@kit/policies';

// The example from the kit's docs, verbatim apart from the registry declaration.
const registry = createPolicyRegistry<{ organizationId: string }>();

export const subscriptionRequiredPolicy = definePolicy<{ organizationId: string }>({
  id: 'invitation-create.subscription-required',
  evaluate: async (context) => {
    if (!context.organizationId) {
      return deny({
        code: 'SUBSCRIPTION_REQUIRED',
        message: 'An active subscription is required to invite members',
        remediation: 'Subscribe to a plan first',
      });
    }
    return allow();
  },
});
registry.registerPolicy(subscriptionRequiredPolicy);

describe('documented usage', () => {
  it('denies without an organization and allows with one', async () => {
    expect(await registry.evaluate({ organizationId: '' })).toEqual({
      allowed: false,
      policyId: 'invitation-create.subscription-required',
      code: 'SUBSCRIPTION_REQUIRED',
      message: 'An active subscription is required to invite members',
      remediation: 'Subscribe to a plan first',
      evaluated: ['invitation-create.subscription-required'],
    });
    expect(await registry.evaluate({ organizationId: 'org_1' })).toEqual({
      allowed: true,
      evaluated: ['invitation-create.subscription-required'],
    });
  });

  it('narrows the decision on `allowed`', async () => {
    const decision: PolicyDecision = await registry.evaluate({ organizationId: '' });

    const code = decision.allowed ? null : decision.code;

    expect(code).toBe('SUBSCRIPTION_REQUIRED');
  });

  it('lets a registry with a richer context run policies that need less of it', async () => {
    const richer = createPolicyRegistry<{ organizationId: string; userId: string }>();
    richer.registerPolicy(subscriptionRequiredPolicy);

    const needsUser: Policy<{ organizationId: string; userId: string }> = definePolicy<{
      organizationId: string;
      userId: string;
    }>({
      id: 'needs-user',
      evaluate: async ({ userId }) =>
        userId ? allow() : deny({ code: 'NO_USER', message: 'Sign in' }),
    });
    richer.registerPolicy(needsUser);
    // Compile-time only: the narrower registry must refuse a policy that needs more context.
    const _rejectedAtCompileTime = () => {
      // @ts-expect-error -- this registry's context has no userId
      registry.registerPolicy(needsUser);
    };

    expect(await richer.evaluate({ organizationId: 'org_1', userId: 'u1' })).toMatchObject({
      allowed: true,
    });
    expect(await richer.evaluate({ organizationId: 'org_1', userId: '' })).toMatchObject({
      allowed: false,
      policyId: 'needs-user',
    });
  });
});
