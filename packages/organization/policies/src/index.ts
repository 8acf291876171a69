export {
  invitationAcceptRegistry,
  invitationCancelRegistry,
  invitationCreateRegistry,
} from './registry';
export { allowedEmailDomainsPolicy } from './policies/allowed-email-domains';
export { subscriptionRequiredPolicy } from './policies/custom';
export { invitationQuotaPolicy } from './policies/invitation-quota';
export type * from './types';
