import { createPolicyRegistry } from '@kit/policies';
import type {
  InvitationAcceptContext,
  InvitationCancelContext,
  InvitationCreateContext,
} from './types';

/**
 * The kit's invitation policy registries. Nothing is registered by default, so every
 * operation is allowed. Register your own rules below; each one runs before the operation
 * on every path (REST API, bulk import, CLI, server-side calls).
 *
 * @example
 * import { subscriptionRequiredPolicy } from './policies/custom';
 * invitationCreateRegistry.registerPolicy(subscriptionRequiredPolicy);
 */
export const invitationCreateRegistry = createPolicyRegistry<InvitationCreateContext>();
export const invitationAcceptRegistry = createPolicyRegistry<InvitationAcceptContext>();
export const invitationCancelRegistry = createPolicyRegistry<InvitationCancelContext>();
