import {
  assertAllowed,
  type PolicyAllowedDecision,
  type PolicyDecision,
  type PolicyDeniedDecision,
} from './decision';
import { assertValidPolicy, type Policy } from './policy';
import { readonlyCopy, snapshotContext } from './readonly-context';
import { isPolicyResult, type PolicyDeny, type PolicyResult } from './result';

/** The code of the denial produced when a policy throws, rejects or returns garbage. */
export const POLICY_EVALUATION_ERROR = 'POLICY_EVALUATION_ERROR';

/** Deliberately generic: the cause may contain internals, so it only goes to the logger. */
export const POLICY_EVALUATION_ERROR_MESSAGE =
  'This action could not be authorized right now. Please try again later.';

export type PolicyErrorHandler = (error: unknown, details: { policyId: string }) => void;

export interface PolicyRegistryOptions {
  /** Receives the cause when a policy fails to evaluate. Defaults to `console.error`. */
  onError?: PolicyErrorHandler;
}

export interface PolicyRegistry<Ctx> {
  /** Throws if a policy with the same id is already registered. */
  registerPolicy: (policy: Policy<Ctx>) => void;
  /** Returns whether a policy was removed. */
  unregisterPolicy: (id: string) => boolean;
  /** A copy of the registered policies, in registration order. */
  listPolicies: () => Policy<Ctx>[];
  has: (id: string) => boolean;
  /** Runs the policies in order; the first denial wins and stops the run. */
  evaluate: (context: Ctx) => Promise<PolicyDecision>;
  /** Like `evaluate`, but throws `PolicyDeniedError` on a denial. */
  enforce: (context: Ctx) => Promise<PolicyAllowedDecision>;
}

const evaluationError: PolicyDeny = Object.freeze({
  allowed: false,
  code: POLICY_EVALUATION_ERROR,
  message: POLICY_EVALUATION_ERROR_MESSAGE,
});

const logToConsole: PolicyErrorHandler = (error, { policyId }) => {
  console.error(
    `Policy "${policyId}" failed to evaluate; denying with ${POLICY_EVALUATION_ERROR}.`,
    error,
  );
};

export function createPolicyRegistry<Ctx>(
  options: PolicyRegistryOptions = {},
): PolicyRegistry<Ctx> {
  const onError = options.onError ?? logToConsole;
  // Map iteration follows insertion order, which is the evaluation order.
  const policies = new Map<string, Policy<Ctx>>();

  function reportError(error: unknown, policyId: string): void {
    try {
      onError(error, { policyId });
    } catch (loggerError) {
      // A broken logger must not turn a denial into a crash.
      logToConsole(new AggregateError([error, loggerError], 'onError handler threw'), { policyId });
    }
  }

  async function run(policy: Policy<Ctx>, snapshot: Ctx): Promise<PolicyResult> {
    try {
      const result: unknown = await policy.evaluate(readonlyCopy(snapshot));
      if (!isPolicyResult(result)) {
        throw new TypeError(
          `Policy "${policy.id}" returned an invalid result; expected allow() or deny({ code, message })`,
        );
      }
      return result;
    } catch (error) {
      reportError(error, policy.id);
      return evaluationError;
    }
  }

  async function evaluate(context: Ctx): Promise<PolicyDecision> {
    const snapshot = snapshotContext(context);
    // Policies (un)registered while this run is in flight do not affect it.
    const toRun = [...policies.values()];
    const evaluated: string[] = [];

    for (const policy of toRun) {
      evaluated.push(policy.id);
      const result = await run(policy, snapshot);
      if (!result.allowed) return toDeniedDecision(policy.id, result, evaluated);
    }
    return { allowed: true, evaluated };
  }

  return {
    registerPolicy(policy) {
      assertValidPolicy(policy);
      if (policies.has(policy.id)) {
        throw new Error(`Policy "${policy.id}" is already registered`);
      }
      policies.set(policy.id, policy);
    },
    unregisterPolicy: (id) => policies.delete(id),
    listPolicies: () => [...policies.values()],
    has: (id) => policies.has(id),
    evaluate,
    async enforce(context) {
      const decision = await evaluate(context);
      assertAllowed(decision);
      return decision;
    },
  };
}

function toDeniedDecision(
  policyId: string,
  { code, message, remediation, metadata }: PolicyDeny,
  evaluated: string[],
): PolicyDeniedDecision {
  return {
    allowed: false,
    policyId,
    code,
    message,
    ...(remediation === undefined ? {} : { remediation }),
    ...(metadata === undefined ? {} : { metadata }),
    evaluated,
  };
}
