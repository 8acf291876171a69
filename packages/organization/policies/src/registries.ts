import {
  createPolicyRegistry,
  type PolicyRegistry,
  type PolicyRegistryOptions,
} from '@kit/policies';
import type {
  InvitationAcceptContext,
  InvitationCancelContext,
  InvitationCreateContext,
} from './types';

/** The three invitation registries one kit runs: create, accept and cancel. */
export interface InvitationRegistries {
  invitationCreate: PolicyRegistry<InvitationCreateContext>;
  invitationAccept: PolicyRegistry<InvitationAcceptContext>;
  invitationCancel: PolicyRegistry<InvitationCancelContext>;
}

/** Fresh, empty registries (a test, a second kit in one process). */
export function createInvitationRegistries(
  options: PolicyRegistryOptions = {},
): InvitationRegistries {
  return {
    invitationCreate: createPolicyRegistry<InvitationCreateContext>(options),
    invitationAccept: createPolicyRegistry<InvitationAcceptContext>(options),
    invitationCancel: createPolicyRegistry<InvitationCancelContext>(options),
  };
}
