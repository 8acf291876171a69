/**
 * The shapes the organization API sends, shared by the services and the web app.
 * Types only, with no runtime imports, so a browser bundle can import it for free.
 */
import type { Role } from '@kit/auth/roles';

export type { Role };

export const INVITATION_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'canceled',
  'expired',
  'replaced',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const BULK_STATUSES = [
  'invited',
  'already_member',
  'already_invited',
  'invalid_email',
  'invalid_role',
  'duplicate_in_file',
  'denied',
  'seat_limit',
] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

export type ActivityAction =
  | 'organization.created'
  | 'organization.updated'
  | 'invitation.created'
  | 'invitation.resent'
  | 'invitation.canceled'
  | 'invitation.accepted'
  | 'invitation.declined'
  | 'invitation.expired'
  | 'member.role_changed'
  | 'member.removed'
  | 'member.left'
  | 'ownership.transferred'
  | 'invite_link.created'
  | 'invite_link.revoked'
  | 'invite_link.used'
  | 'join_request.created'
  | 'join_request.approved'
  | 'join_request.rejected'
  | 'join_request.withdrawn'
  | 'domain.added'
  | 'domain.verified'
  | 'domain.removed'
  | 'domain.mode_changed'
  | 'domain.member_joined'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'member.metadata_updated';

export interface OrganizationView {
  id: string;
  name: string;
  slug: string;
  logo: string | null;
  createdAt: string;
  role: Role;
}

export interface MemberView {
  id: string;
  userId: string;
  name: string;
  email: string;
  image: string | null;
  role: Role;
  joinedAt: string;
  /** Free-form data kept from the invitation accepted (or set since, by PATCH …/metadata). */
  metadata: Record<string, unknown>;
}

export interface SeatUsage {
  plan: string;
  /** null = unlimited */
  limit: number | null;
  members: number;
  /** Pending, unexpired invitations: each holds a seat until it is answered or expires. */
  pending: number;
  available: number | null;
}

/**
 * The invitation email's delivery: queued, sending, sent, failed with the provider's error, or
 * canceled (its organization was deleted first).
 */
export interface DeliveryStatus {
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'canceled';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface InvitationView {
  id: string;
  organizationId: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  metadata: Record<string, unknown>;
  inviter: { id: string; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string;
  respondedAt: string | null;
  delivery: DeliveryStatus | null;
  /** Pending invitations: when Resend becomes available (the cooldown after the last send). */
  resendAvailableAt: string | null;
}

export interface ActivityItem {
  id: string;
  action: ActivityAction;
  /** The person who made the change (for an API key: the key's creator), if still known. */
  actor: { id: string; name: string; email: string } | null;
  /** Set when the change was made with an organization API key: the key and its name then. */
  apiKey?: { id: string; name: string } | null;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  /** The name of the person a member or invitation entry is about, when they have an account. */
  targetName?: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export interface ActivityPage {
  items: ActivityItem[];
  nextCursor: string | null;
}

/** The answer to "may I invite?": yes, or the reason a submitted invitation would be refused. */
export type InvitationPermission =
  { allowed: true } | { allowed: false; code: string; message: string; remediation?: string };

export interface BulkRowResult {
  row: number;
  /** The CSV line (the header is line 1). */
  line?: number;
  email: string;
  role: string;
  status: BulkStatus;
  /** Why, for every status but `invited`: an error or policy code and a human message. */
  code?: string;
  message?: string;
  remediation?: string;
  invitationId?: string;
  /** For `duplicate_in_file`: the `row` of the earlier row with the same address. */
  duplicateOfRow?: number;
}

export interface BulkResult {
  dryRun: boolean;
  summary: Record<BulkStatus, number> & { total: number };
  results: BulkRowResult[];
}

export const INVITE_LINK_STATUSES = ['active', 'revoked', 'expired', 'used_up'] as const;
export type InviteLinkStatus = (typeof INVITE_LINK_STATUSES)[number];

/** An invite link as owners and admins see it: never its token. */
export interface InviteLinkView {
  id: string;
  role: Role;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  allowedDomains: string[];
  requiresApproval: boolean;
  status: InviteLinkStatus;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
  revokedAt: string | null;
}

/** What anyone holding an invite link may see. */
export interface InviteLinkPreview {
  organization: { id: string; name: string; slug: string; logo: string | null };
  role: Role;
  requiresApproval: boolean;
  allowedDomains: string[];
  expiresAt: string;
  /** For a signed-in visitor: already a member, or already waiting for an answer. */
  viewer: { member: boolean; pendingRequestId: string | null } | null;
}

export const JOIN_REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
  'expired',
] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

export interface JoinRequestView {
  id: string;
  organization: { id: string; name: string; slug: string };
  user: { id: string; name: string; email: string };
  status: JoinRequestStatus;
  source: 'invite-link' | 'domain';
  /** The role the link offers; approvers may choose another. */
  role: Role | null;
  message: string | null;
  reason: string | null;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  memberId: string | null;
}

export const ENROLLMENT_MODES = ['manual', 'automatic_invitation', 'automatic_suggestion'] as const;
export type EnrollmentMode = (typeof ENROLLMENT_MODES)[number];

export interface OrganizationDomainView {
  id: string;
  domain: string;
  status: 'pending' | 'verified';
  /** The address at the domain the code was sent to. */
  verificationEmail: string;
  verifiedAt: string | null;
  /** While pending: when the current code stops working. */
  codeExpiresAt: string | null;
  attemptsLeft: number | null;
  enrollmentMode: EnrollmentMode;
  createdAt: string;
}

/** An organization a person may join because of their verified address's domain. */
export interface DomainSuggestion {
  domainId: string;
  domain: string;
  /** `invitation`: join at once with `role`; `suggestion`: ask to join. */
  kind: 'invitation' | 'suggestion';
  organization: { id: string; name: string; slug: string; logo: string | null };
  role: Role;
  pendingRequestId: string | null;
}

/** What an organization API key may be allowed to do; it never does more than its creator may. */
export const API_KEY_SCOPES = [
  'invitations:read',
  'invitations:write',
  'members:read',
  'members:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An organization API key as owners and admins see it: never the secret, only its prefix. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The secret's first characters (`kit_…`), to tell keys apart. */
  prefix: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  /** Who created it (the key acts with their role); null once their account is gone. */
  createdBy: { id: string; name: string; email: string } | null;
}
