import { describe, expect, it, vi } from 'vitest';
import { definePolicy, type Policy } from './policy';
import { createPolicyRegistry } from './registry';
import { allow, deny, type PolicyResult } from './result';

type Ctx = { userId: string; plan: 'free' | 'pro' };

const ctx: Ctx = { userId: 'u1', plan: 'free' };

/** A policy that records its calls into `calls` and returns `result`. */
function recordingPolicy(id: string, result: PolicyResult, calls: string[]): Policy<Ctx> {
  return definePolicy<Ctx>({
    id,
    evaluate: async () => {
      calls.push(id);
      return result;
    },
  });
}

describe('createPolicyRegistry() registration', () => {
  it('lists policies in registration order', () => {
    const registry = createPolicyRegistry<Ctx>();
    const calls: string[] = [];
    registry.registerPolicy(recordingPolicy('c', allow(), calls));
    registry.registerPolicy(recordingPolicy('a', allow(), calls));
    registry.registerPolicy(recordingPolicy('b', allow(), calls));

    expect(registry.listPolicies().map((policy) => policy.id)).toEqual(['c', 'a', 'b']);
  });

  it('returns a copy from listPolicies()', () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('a', allow(), []));

    const listed = registry.listPolicies();
    listed.pop();

    expect(listed).toEqual([]);
    expect(registry.listPolicies().map((policy) => policy.id)).toEqual(['a']);
  });

  it('throws an Error naming the id when the same id is registered twice', () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('seat-limit', allow(), []));

    expect(() =>
      registry.registerPolicy(recordingPolicy('seat-limit', deny({ code: 'X', message: 'x' }), [])),
    ).toThrow('Policy "seat-limit" is already registered');
    expect(registry.listPolicies()).toHaveLength(1);
  });

  it('rejects invalid policies that bypassed definePolicy', () => {
    const registry = createPolicyRegistry<Ctx>();

    expect(() => registry.registerPolicy({ id: 'x' } as unknown as Policy<Ctx>)).toThrow(TypeError);
    expect(registry.has('x')).toBe(false);
  });

  it('reports membership with has()', () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('a', allow(), []));

    expect(registry.has('a')).toBe(true);
    expect(registry.has('b')).toBe(false);
  });

  it('unregisters by id and reports whether something was removed', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const calls: string[] = [];
    registry.registerPolicy(recordingPolicy('a', deny({ code: 'A', message: 'a' }), calls));

    expect(registry.unregisterPolicy('a')).toBe(true);
    expect(registry.unregisterPolicy('a')).toBe(false);
    expect(registry.has('a')).toBe(false);
    expect(await registry.evaluate(ctx)).toEqual({ allowed: true, evaluated: [] });
    expect(calls).toEqual([]);
  });

  it('allows re-registering an id after unregistering it, at the end of the order', () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('a', allow(), []));
    registry.registerPolicy(recordingPolicy('b', allow(), []));
    registry.unregisterPolicy('a');
    registry.registerPolicy(recordingPolicy('a', allow(), []));

    expect(registry.listPolicies().map((policy) => policy.id)).toEqual(['b', 'a']);
  });
});

describe('registry.evaluate()', () => {
  it('allows when the registry is empty', async () => {
    const registry = createPolicyRegistry<Ctx>();

    expect(await registry.evaluate(ctx)).toEqual({ allowed: true, evaluated: [] });
  });

  it('runs every policy in registration order when all allow', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const calls: string[] = [];
    for (const id of ['first', 'second', 'third'])
      registry.registerPolicy(recordingPolicy(id, allow(), calls));

    const decision = await registry.evaluate(ctx);

    expect(decision).toEqual({ allowed: true, evaluated: ['first', 'second', 'third'] });
    expect(calls).toEqual(['first', 'second', 'third']);
  });

  it('runs policies one at a time, waiting for each before starting the next', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const events: string[] = [];
    const slow = (id: string, ms: number) =>
      definePolicy<Ctx>({
        id,
        evaluate: async () => {
          events.push(`${id}:start`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          events.push(`${id}:end`);
          return allow();
        },
      });
    registry.registerPolicy(slow('a', 20));
    registry.registerPolicy(slow('b', 1));

    await registry.evaluate(ctx);

    expect(events).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
  });

  it('stops at the first denial: it decides and later policies are not called', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const calls: string[] = [];
    registry.registerPolicy(recordingPolicy('member', allow(), calls));
    registry.registerPolicy(
      recordingPolicy(
        'subscription',
        deny({
          code: 'SUBSCRIPTION_REQUIRED',
          message: 'An active subscription is required',
          remediation: 'Subscribe to a plan first',
          metadata: { plan: 'free' },
        }),
        calls,
      ),
    );
    registry.registerPolicy(
      recordingPolicy('seats', deny({ code: 'SEAT_LIMIT', message: 'No seats' }), calls),
    );
    registry.registerPolicy(recordingPolicy('after', allow(), calls));

    const decision = await registry.evaluate(ctx);

    expect(decision).toEqual({
      allowed: false,
      policyId: 'subscription',
      code: 'SUBSCRIPTION_REQUIRED',
      message: 'An active subscription is required',
      remediation: 'Subscribe to a plan first',
      metadata: { plan: 'free' },
      evaluated: ['member', 'subscription'],
    });
    expect(calls).toEqual(['member', 'subscription']);
  });

  it('leaves out optional fields the denial did not set', async () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('a', deny({ code: 'A', message: 'a' }), []));

    const decision = await registry.evaluate(ctx);

    expect(Object.keys(decision).sort()).toEqual([
      'allowed',
      'code',
      'evaluated',
      'message',
      'policyId',
    ]);
  });

  it('passes the context to each policy', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const seen = vi.fn();
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'pro-only',
        evaluate: async (context) => {
          seen(context);
          return context.plan === 'pro'
            ? allow()
            : deny({ code: 'PRO_REQUIRED', message: 'Pro only' });
        },
      }),
    );

    expect((await registry.evaluate({ userId: 'u1', plan: 'pro' })).allowed).toBe(true);
    expect(await registry.evaluate({ userId: 'u2', plan: 'free' })).toMatchObject({
      allowed: false,
      code: 'PRO_REQUIRED',
    });
    expect(seen.mock.calls).toEqual([
      [{ userId: 'u1', plan: 'pro' }],
      [{ userId: 'u2', plan: 'free' }],
    ]);
  });

  it('accepts policies that return synchronously', async () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(
      definePolicy<Ctx>({ id: 'sync', evaluate: () => deny({ code: 'SYNC', message: 's' }) }),
    );

    expect(await registry.evaluate(ctx)).toMatchObject({
      allowed: false,
      policyId: 'sync',
      code: 'SYNC',
    });
  });

  it('is not affected by policies registered while a run is in flight', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const calls: string[] = [];
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'registers-another',
        evaluate: async () => {
          if (!registry.has('late')) {
            registry.registerPolicy(
              recordingPolicy('late', deny({ code: 'LATE', message: 'late' }), calls),
            );
          }
          return allow();
        },
      }),
    );

    expect(await registry.evaluate(ctx)).toEqual({
      allowed: true,
      evaluated: ['registers-another'],
    });
    expect(calls).toEqual([]);
    expect(await registry.evaluate(ctx)).toMatchObject({ allowed: false, policyId: 'late' });
    expect(calls).toEqual(['late']);
  });

  it('returns a fresh evaluated list for every run', async () => {
    const registry = createPolicyRegistry<Ctx>();
    registry.registerPolicy(recordingPolicy('a', allow(), []));

    const first = await registry.evaluate(ctx);
    first.evaluated.push('tampered');

    expect((await registry.evaluate(ctx)).evaluated).toEqual(['a']);
  });
});
