export type { Actor, ApiKeyActor } from './actor';
export {
  API_KEY_MAX_DAYS,
  API_KEY_PREFIX,
  API_KEY_SCOPES,
  authenticateApiKey,
  createApiKey,
  createApiKeyInput,
  listApiKeys,
  revokeApiKey,
  type ApiKeyScope,
  type ApiKeyView,
} from './api-keys';
export {
  DELETED_USER_LABEL,
  organizationsOnlyOwnedBy,
  prepareAccountDeletion,
  type DeletedAccount,
  type OwnedOrganization,
} from './account';
export {
  lockOrganization,
  requireAuthorized,
  requireMembership,
  requireSessionActor,
  type Membership,
} from './access';
export {
  activityActor,
  listActivity,
  recordActivity,
  type ActivityAction,
  type ActivityPage,
} from './activity';
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
  updateMemberMetadata,
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
  billingUrlFor,
  getPlanOverview,
  type PlanOverview,
  type PlanSummary,
} from './plan-overview';
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
  completeInviteLinkSignup,
  createInviteLink,
  createInviteLinkInput,
  INVITE_LINK_MAX_DAYS,
  inviteLinkUrl,
  joinWithInviteLink,
  listInviteLinks,
  previewInviteLink,
  revokeInviteLink,
  signUpWithInviteLink,
  type JoinThroughLinkResult,
} from './join/links';
export {
  approveJoinRequest,
  JOIN_REQUEST_TTL_MS,
  listJoinRequests,
  listMyJoinRequests,
  rejectJoinRequest,
  withdrawJoinRequest,
} from './join/requests';
export {
  INVITE_LINK_STATUSES,
  JOIN_REQUEST_STATUSES,
  type InviteLinkPreview,
  type InviteLinkStatus,
  type InviteLinkView,
  type JoinRequestStatus,
  type JoinRequestView,
} from './contracts';
export {
  addDomain,
  DOMAIN_CODE_MAX_ATTEMPTS,
  DOMAIN_CODE_TTL_MS,
  joinThroughDomain,
  listDomains,
  listSuggestions,
  removeDomain,
  updateDomain,
  verifyDomain,
} from './join/domains';
export {
  ENROLLMENT_MODES,
  type DomainSuggestion,
  type EnrollmentMode,
  type OrganizationDomainView,
} from './contracts';
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
