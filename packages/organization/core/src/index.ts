export type { Actor } from './actor';
export { lockOrganization, requireAuthorized, requireMembership, type Membership } from './access';
export { listActivity, recordActivity, type ActivityAction, type ActivityPage } from './activity';
export { ORGANIZATION_ERRORS, type OrganizationErrorCode } from './error-codes';
export { OrganizationError } from './errors';
export {
  cancelInvitation,
  checkInvitationPermission,
  createInvitation,
  createInvitationInput,
  listInvitations,
  resendInvitation,
  type CreatedInvitation,
  type InvitationPage,
  type InvitationPermission,
} from './invitations/manage';
export {
  acceptInvitation,
  declineInvitation,
  getInvitationByToken,
  signUpWithInvitation,
  type AcceptedInvitation,
  type InvitationPreview,
} from './invitations/respond';
export { invitationUrl } from './invitations/email';
export { resendAvailableAt, type InvitationLimits } from './invitations/limits';
export {
  effectiveStatus,
  INVITATION_STATUSES,
  type InvitationStatus,
  type InvitationView,
} from './invitations/view';
export {
  leaveOrganization,
  listMembers,
  removeMember,
  transferOwnership,
  updateMemberRole,
  type MemberView,
} from './members';
export {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  setActiveOrganization,
  updateOrganization,
  type OrganizationView,
} from './organizations';
export { currentRoles, type RoleSet } from './roles';
export { DEFAULT_PLAN, isPlanId, kitPlans, PLANS, type PlanCatalog, type PlanId } from './plans';
export { getSeatUsage, seatUsage, setOrganizationPlan, type SeatUsage } from './seats';
export {
  BULK_STATUSES,
  bulkCreateInvitations,
  type BulkResult,
  type BulkRowResult,
  type BulkStatus,
} from './invitations/bulk';
export { MAX_BULK_ROWS, parseBulkCsv, parseBulkJson, type BulkRow } from './invitations/bulk-input';
export {
  actorForOrganization,
  createOrganizationWithOwnerInvitation,
  findOrganization,
} from './operator';
export {
  currentPlans,
  organizationRuntime,
  OrganizationRuntimeMissingError,
  runWithOrganizationRuntime,
  useOrganizationRuntime,
  type OrganizationRuntime,
} from './runtime';
export {
  DEFAULT_PAGE_SIZE,
  listMembersPage,
  MAX_PAGE_SIZE,
  MEMBER_SORTS,
  type MemberPage,
  type MemberPageQuery,
  type MemberSort,
  type SortOrder,
} from './members-query';
export {
  INVITATION_SORTS,
  listInvitationsPage,
  type InvitationOffsetPage,
  type InvitationPageQuery,
  type InvitationSort,
} from './invitations/page';
export {
  BATCH_ACTIONS,
  batchInvitations,
  MAX_BATCH_INVITATIONS,
  removeExpiredInvitation,
  renewInvitation,
  type BatchAction,
  type BatchItemResult,
  type BatchResult,
} from './invitations/batch';
