// The application's registries live in ./registry (imported by the composition root only).
export { createInvitationRegistries, type InvitationRegistries } from './registries';
export { allowedEmailDomainsPolicy } from './policies/allowed-email-domains';
export { subscriptionRequiredPolicy } from './policies/custom';
export { invitationQuotaPolicy } from './policies/invitation-quota';
export type * from './types';
