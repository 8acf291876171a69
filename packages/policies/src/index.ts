export {
  assertAllowed,
  PolicyDeniedError,
  type PolicyAllowedDecision,
  type PolicyDecision,
  type PolicyDeniedDecision,
} from './decision';
export { isLiveHandle, liveHandle, type LiveHandle } from './live-handle';
export { definePolicy, type Policy } from './policy';
export type { DeepReadonly } from './readonly-context';
export {
  createPolicyRegistry,
  POLICY_EVALUATION_ERROR,
  POLICY_EVALUATION_ERROR_MESSAGE,
  type PolicyErrorHandler,
  type PolicyRegistry,
  type PolicyRegistryOptions,
} from './registry';
export {
  allow,
  deny,
  type DenyInput,
  type PolicyAllow,
  type PolicyDeny,
  type PolicyMetadata,
  type PolicyResult,
} from './result';
