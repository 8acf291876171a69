import { describe, expect, it } from 'vitest';
import { assertAllowed, PolicyDeniedError, type PolicyDecision } from './decision';
import { definePolicy } from './policy';
import { createPolicyRegistry, POLICY_EVALUATION_ERROR } from './registry';
import { allow, deny } from './result';

type Ctx = { seatsUsed: number; seatLimit: number };

const seatLimitPolicy = definePolicy<Ctx>({
  id: 'invitation-create.seat-limit',
  evaluate: async ({ seatsUsed, seatLimit }) =>
    seatsUsed < seatLimit
      ? allow()
      : deny({
          code: 'SEAT_LIMIT_REACHED',
          message: 'All seats on your plan are taken',
          remediation: 'Upgrade your plan or remove a member',
          metadata: { seatsUsed, seatLimit },
        }),
});

describe('PolicyDeniedError', () => {
  it('is an Error carrying the denial fields', () => {
    const error = new PolicyDeniedError({
      allowed: false,
      policyId: 'p',
      code: 'C',
      message: 'Human message',
      remediation: 'Do this',
      metadata: { a: 1 },
      evaluated: ['p'],
    });

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('PolicyDeniedError');
    expect(error.message).toBe('Human message');
    expect(error.policyId).toBe('p');
    expect(error.code).toBe('C');
    expect(error.remediation).toBe('Do this');
    expect(error.metadata).toEqual({ a: 1 });
  });
});

describe('assertAllowed()', () => {
  it('returns quietly for an allowed decision', () => {
    const decision: PolicyDecision = { allowed: true, evaluated: [] };

    expect(() => assertAllowed(decision)).not.toThrow();
  });

  it('throws PolicyDeniedError for a denied decision', () => {
    const decision: PolicyDecision = {
      allowed: false,
      policyId: 'p',
      code: 'C',
      message: 'No',
      evaluated: ['p'],
    };

    expect(() => assertAllowed(decision)).toThrow(PolicyDeniedError);
    expect(() => assertAllowed(decision)).toThrow('No');
  });
});

describe('registry.enforce()', () => {
  it('resolves with the allowed decision', async () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(seatLimitPolicy);

    expect(await registry.enforce({ seatsUsed: 2, seatLimit: 5 })).toEqual({
      allowed: true,
      evaluated: ['invitation-create.seat-limit'],
    });
  });

  it('throws PolicyDeniedError with the deciding policy and denial fields', async () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(seatLimitPolicy);

    const error = await registry.enforce({ seatsUsed: 5, seatLimit: 5 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PolicyDeniedError);
    expect(error).toMatchObject({
      policyId: 'invitation-create.seat-limit',
      code: 'SEAT_LIMIT_REACHED',
      message: 'All seats on your plan are taken',
      remediation: 'Upgrade your plan or remove a member',
      metadata: { seatsUsed: 5, seatLimit: 5 },
    });
  });

  it('throws PolicyDeniedError for an evaluation error too (fail closed)', async () => {
    const registry = createPolicyRegistry<Ctx>({ onError: () => {} });
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'broken',
        evaluate: () => {
          throw new Error('boom');
        },
      }),
    );

    const error = await registry.enforce({ seatsUsed: 0, seatLimit: 5 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PolicyDeniedError);
    expect(error).toMatchObject({
      policyId: 'broken',
      code: POLICY_EVALUATION_ERROR,
      remediation: undefined,
    });
    expect((error as Error).message).not.toContain('boom');
  });
});
