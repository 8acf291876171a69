import {
  createPolicyRegistry,
  type PolicyRegistry,
  type PolicyRegistryOptions,
} from '@kit/policies';
import type {
  InvitationAcceptContext,
  InvitationCancelContext,
  InvitationCreateContext,
  JoinRequestApproveContext,
  JoinRequestCreateContext,
} from './types';

/**
 * The registries one kit runs: invitations (create, accept, cancel; accept also guards joins
 * through invite links) and join requests (create, approve).
 */
export interface InvitationRegistries {
  invitationCreate: PolicyRegistry<InvitationCreateContext>;
  invitationAccept: PolicyRegistry<InvitationAcceptContext>;
  invitationCancel: PolicyRegistry<InvitationCancelContext>;
  joinRequestCreate: PolicyRegistry<JoinRequestCreateContext>;
  joinRequestApprove: PolicyRegistry<JoinRequestApproveContext>;
}

/** Fresh, empty registries (a test, a second kit in one process). */
export function createInvitationRegistries(
  options: PolicyRegistryOptions = {},
): InvitationRegistries {
  return {
    invitationCreate: createPolicyRegistry<InvitationCreateContext>(options),
    invitationAccept: createPolicyRegistry<InvitationAcceptContext>(options),
    invitationCancel: createPolicyRegistry<InvitationCancelContext>(options),
    joinRequestCreate: createPolicyRegistry<JoinRequestCreateContext>(options),
    joinRequestApprove: createPolicyRegistry<JoinRequestApproveContext>(options),
  };
}
