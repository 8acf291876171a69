import { createInvitationRegistries } from './registries';

/**
 * The application's invitation policies. Nothing is registered by default, so every operation
 * is allowed. Register your own rules below (import policy files directly, e.g.
 * `./policies/invitation-quota`, not `./index`); each runs inside the operation's transaction,
 * under the organization lock, on every path (REST API, bulk import, CLI, resend, server-side
 * calls). The API and the CLI build their kit with these registries; the kit's own tests
 * build fresh ones, so what you register here never changes them.
 *
 * @example
 * import { subscriptionRequiredPolicy } from './policies/custom';
 * invitationCreateRegistry.registerPolicy(subscriptionRequiredPolicy);
 */
export const invitationRegistries = createInvitationRegistries();

export const invitationCreateRegistry = invitationRegistries.invitationCreate;
export const invitationAcceptRegistry = invitationRegistries.invitationAccept;
export const invitationCancelRegistry = invitationRegistries.invitationCancel;
export const joinRequestCreateRegistry = invitationRegistries.joinRequestCreate;
export const joinRequestApproveRegistry = invitationRegistries.joinRequestApprove;
