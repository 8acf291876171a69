import { afterEach, describe, expect, it, vi } from 'vitest';
import { definePolicy, type Policy } from './policy';
import {
  createPolicyRegistry,
  POLICY_EVALUATION_ERROR,
  POLICY_EVALUATION_ERROR_MESSAGE,
  type PolicyErrorHandler,
} from './registry';
import { allow, type PolicyResult } from './result';

type Ctx = { userId: string };

const SECRET = 'connection to db-internal-7.acme.local refused';

function setup(failing: Policy<Ctx>) {
  const onError = vi.fn<PolicyErrorHandler>();
  const registry = createPolicyRegistry<Ctx>({ onError });
  const calls: string[] = [];
  registry.registerPolicy(
    definePolicy<Ctx>({
      id: 'before',
      evaluate: async () => {
        calls.push('before');
        return allow();
      },
    }),
  );
  registry.registerPolicy(failing);
  registry.registerPolicy(
    definePolicy<Ctx>({
      id: 'after',
      evaluate: async () => {
        calls.push('after');
        return allow();
      },
    }),
  );
  return { registry, onError, calls };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a failing policy fails closed', () => {
  const failures: [string, Policy<Ctx>['evaluate']][] = [
    [
      'throws synchronously',
      () => {
        throw new Error(SECRET);
      },
    ],
    ['throws inside an async function', async () => Promise.reject(new Error(SECRET))],
    ['rejects with a non-Error', () => Promise.reject(SECRET)],
  ];

  it.each(failures)(
    'denies with POLICY_EVALUATION_ERROR when it %s, and logs the cause',
    async (_label, evaluate) => {
      const { registry, onError, calls } = setup(definePolicy<Ctx>({ id: 'flaky', evaluate }));

      const decision = await registry.evaluate({ userId: 'u1' });

      expect(decision).toEqual({
        allowed: false,
        policyId: 'flaky',
        code: POLICY_EVALUATION_ERROR,
        message: POLICY_EVALUATION_ERROR_MESSAGE,
        evaluated: ['before', 'flaky'],
      });
      expect(calls).toEqual(['before']);
      expect(onError).toHaveBeenCalledTimes(1);
      const [cause, details] = onError.mock.calls[0] ?? [];
      expect(details).toEqual({ policyId: 'flaky' });
      expect(cause instanceof Error ? cause.message : cause).toBe(SECRET);
    },
  );

  it('never puts the cause in the decision', async () => {
    const { registry } = setup(
      definePolicy<Ctx>({
        id: 'flaky',
        evaluate: () => {
          throw new Error(SECRET);
        },
      }),
    );

    const decision = await registry.evaluate({ userId: 'u1' });

    expect(JSON.stringify(decision)).not.toContain('db-internal');
    expect(POLICY_EVALUATION_ERROR_MESSAGE).not.toContain('db-internal');
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a boolean', true],
    ['an object without allowed', { ok: true }],
    ['a deny without code', { allowed: false, message: 'no code' }],
  ])('denies with POLICY_EVALUATION_ERROR when it returns %s', async (_label, returned) => {
    const { registry, onError, calls } = setup(
      definePolicy<Ctx>({ id: 'sloppy', evaluate: async () => returned as PolicyResult }),
    );

    const decision = await registry.evaluate({ userId: 'u1' });

    expect(decision).toMatchObject({
      allowed: false,
      policyId: 'sloppy',
      code: POLICY_EVALUATION_ERROR,
    });
    expect(calls).toEqual(['before']);
    const [cause, details] = onError.mock.calls[0] ?? [];
    expect(details).toEqual({ policyId: 'sloppy' });
    expect(cause).toBeInstanceOf(TypeError);
    expect((cause as Error).message).toBe(
      'Policy "sloppy" returned an invalid result; expected allow() or deny({ code, message })',
    );
  });

  it('logs to console.error by default', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const registry = createPolicyRegistry<Ctx>();
    const cause = new Error(SECRET);
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'flaky',
        evaluate: () => {
          throw cause;
        },
      }),
    );

    const decision = await registry.evaluate({ userId: 'u1' });

    expect(decision).toMatchObject({ allowed: false, code: POLICY_EVALUATION_ERROR });
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalledWith(
      `Policy "flaky" failed to evaluate; denying with ${POLICY_EVALUATION_ERROR}.`,
      cause,
    );
  });

  it('still denies when the onError handler itself throws', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const registry = createPolicyRegistry<Ctx>({
      onError: () => {
        throw new Error('logger down');
      },
    });
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'flaky',
        evaluate: () => {
          throw new Error(SECRET);
        },
      }),
    );

    expect(await registry.evaluate({ userId: 'u1' })).toMatchObject({
      allowed: false,
      policyId: 'flaky',
      code: POLICY_EVALUATION_ERROR,
    });
    expect(consoleError).toHaveBeenCalledTimes(1);
    const logged = consoleError.mock.calls[0]?.[1];
    expect(logged).toBeInstanceOf(AggregateError);
    expect((logged as AggregateError).errors.map((error: Error) => error.message)).toEqual([
      SECRET,
      'logger down',
    ]);
  });
});
