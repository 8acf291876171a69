import { describe, expect, it, vi } from 'vitest';
import { definePolicy } from './policy';
import { createPolicyRegistry, POLICY_EVALUATION_ERROR, type PolicyErrorHandler } from './registry';
import { allow, deny } from './result';

type Ctx = {
  organization: { id: string; name: string; createdAt: Date };
  roles: string[];
};

const makeContext = (): Ctx => ({
  organization: { id: 'org_1', name: 'Acme', createdAt: new Date('2024-05-01T00:00:00.000Z') },
  roles: ['member'],
});

describe('the context a policy sees is read-only', () => {
  it('makes a mutation attempt throw, which denies, and leaves the caller object unchanged', async () => {
    const onError = vi.fn<PolicyErrorHandler>();
    const registry = createPolicyRegistry<Ctx>({ onError });
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'rename',
        evaluate: async (context) => {
          // @ts-expect-error -- the context is typed deeply read-only
          context.organization.name = 'Hacked';
          return allow();
        },
      }),
    );
    const context = makeContext();

    const decision = await registry.evaluate(context);

    expect(decision).toMatchObject({
      allowed: false,
      policyId: 'rename',
      code: POLICY_EVALUATION_ERROR,
    });
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(TypeError);
    expect(context).toEqual(makeContext());
  });

  it('stops array mutation too', async () => {
    const registry = createPolicyRegistry<Ctx>({ onError: () => {} });
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'escalate',
        evaluate: async (context) => {
          // @ts-expect-error -- readonly array
          context.roles.push('owner');
          return allow();
        },
      }),
    );
    const context = makeContext();

    expect(await registry.evaluate(context)).toMatchObject({
      allowed: false,
      code: POLICY_EVALUATION_ERROR,
    });
    expect(context.roles).toEqual(['member']);
  });

  it('keeps later policies from seeing what an earlier one tried to change', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const seenByLater: { name: string; year: number; roles: readonly string[] }[] = [];
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'tamperer',
        evaluate: async (context) => {
          try {
            (context.organization as { name: string }).name = 'Hacked';
          } catch {
            // expected: frozen
          }
          // Date setters bypass Object.freeze, so isolation relies on each policy getting its own copy.
          context.organization.createdAt.setUTCFullYear(1999);
          return allow();
        },
      }),
    );
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'observer',
        evaluate: async (context) => {
          seenByLater.push({
            name: context.organization.name,
            year: context.organization.createdAt.getUTCFullYear(),
            roles: context.roles,
          });
          return allow();
        },
      }),
    );
    const context = makeContext();

    expect(await registry.evaluate(context)).toEqual({
      allowed: true,
      evaluated: ['tamperer', 'observer'],
    });
    expect(seenByLater).toEqual([{ name: 'Acme', year: 2024, roles: ['member'] }]);
    expect(context.organization.createdAt.getUTCFullYear()).toBe(2024);
  });

  it('gives policies a frozen copy, not the caller object, with Dates intact', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const context = makeContext();
    let received: unknown;
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'inspect',
        evaluate: async (policyContext) => {
          received = policyContext;
          expect(policyContext).not.toBe(context);
          expect(Object.isFrozen(policyContext)).toBe(true);
          expect(Object.isFrozen(policyContext.organization)).toBe(true);
          expect(policyContext.organization.createdAt).toBeInstanceOf(Date);
          return allow();
        },
      }),
    );

    expect((await registry.evaluate(context)).allowed).toBe(true);
    expect(received).toEqual(context);
    expect(Object.isFrozen(context)).toBe(false);
  });

  it('snapshots the context when evaluation starts, so caller changes mid-run are not seen', async () => {
    const registry = createPolicyRegistry<Ctx>();
    const context = makeContext();
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'caller-mutates-meanwhile',
        evaluate: async () => {
          context.roles.push('owner');
          return allow();
        },
      }),
    );
    registry.registerPolicy(
      definePolicy<Ctx>({
        id: 'owner-only',
        evaluate: async ({ roles }) =>
          roles.includes('owner')
            ? allow()
            : deny({ code: 'OWNER_REQUIRED', message: 'Owners only' }),
      }),
    );

    expect(await registry.evaluate(context)).toMatchObject({
      allowed: false,
      code: 'OWNER_REQUIRED',
    });
  });

  it('rejects a context that cannot be copied, before running any policy', async () => {
    const registry = createPolicyRegistry<{ callback: () => void }>();
    const evaluate = vi.fn(async () => allow());
    registry.registerPolicy(definePolicy({ id: 'a', evaluate }));

    await expect(registry.evaluate({ callback: () => {} })).rejects.toThrow(/must be plain data/);
    expect(evaluate).not.toHaveBeenCalled();
  });
});
