import type { DeepReadonly } from './readonly-context';
import type { PolicyResult } from './result';

export interface Policy<Ctx> {
  /** Unique within a registry; conventionally `<action>.<rule>`, e.g. `invitation-create.seat-limit`. */
  readonly id: string;
  readonly description?: string;
  // Property (not method) syntax so a policy needing more context than a registry provides is a type error.
  readonly evaluate: (context: DeepReadonly<Ctx>) => Promise<PolicyResult> | PolicyResult;
}

export function definePolicy<Ctx>(policy: Policy<Ctx>): Policy<Ctx> {
  assertValidPolicy(policy);
  return Object.freeze({ ...policy });
}

/** Guards against policies built without `definePolicy` (e.g. from plain JS). */
export function assertValidPolicy(policy: unknown): void {
  const candidate = policy as Partial<Policy<unknown>> | null | undefined;
  if (typeof candidate?.id !== 'string' || candidate.id.trim().length === 0) {
    throw new TypeError('A policy needs a non-empty string id');
  }
  if (typeof candidate.evaluate !== 'function') {
    throw new TypeError(`Policy "${candidate.id}" needs an evaluate function`);
  }
}
