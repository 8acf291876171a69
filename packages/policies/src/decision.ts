import type { PolicyMetadata } from './result';

export interface PolicyAllowedDecision {
  readonly allowed: true;
  /** Ids of the policies that ran, in order. */
  evaluated: string[];
}

export interface PolicyDeniedDecision {
  readonly allowed: false;
  /** The policy that decided (the first one to deny, or the one that failed). */
  readonly policyId: string;
  readonly code: string;
  readonly message: string;
  readonly remediation?: string;
  readonly metadata?: PolicyMetadata;
  /** Ids of the policies that ran, in order; the last one is `policyId`. */
  evaluated: string[];
}

/** The outcome of evaluating a whole registry. */
export type PolicyDecision = PolicyAllowedDecision | PolicyDeniedDecision;

/** Thrown by `assertAllowed` / `registry.enforce` so services can stop on a denial. */
export class PolicyDeniedError extends Error {
  override readonly name = 'PolicyDeniedError';
  readonly policyId: string;
  readonly code: string;
  readonly remediation: string | undefined;
  readonly metadata: PolicyMetadata | undefined;

  constructor(decision: PolicyDeniedDecision) {
    super(decision.message);
    this.policyId = decision.policyId;
    this.code = decision.code;
    this.remediation = decision.remediation;
    this.metadata = decision.metadata;
  }
}

export function assertAllowed(decision: PolicyDecision): asserts decision is PolicyAllowedDecision {
  if (!decision.allowed) throw new PolicyDeniedError(decision);
}
