import type { Role } from '@kit/auth/permissions';
import type { Executor } from '@kit/database';
import type { LiveHandle } from '@kit/policies';

/**
 * Where an operation came from; every source runs the same policies. `api-key` is a REST call
 * made with an organization API key (the acting member's `apiKey` names it; a bulk import or a
 * resend made with a key keeps `bulk` or `resend` and carries `apiKey` too); `resend` is a fresh
 * link for an existing invitation; `precheck` asks "may I invite?" before anything is entered;
 * `invite-link` is a join through a shareable invite link (the `invitationAccept` registry
 * runs for it, with the link as the invitation); `domain` comes from a verified email domain.
 */
export type OperationSource =
  'api' | 'api-key' | 'bulk' | 'cli' | 'server' | 'resend' | 'precheck' | 'invite-link' | 'domain';

/**
 * The operation's transaction, passed to policies by reference. Queries through it (or through
 * `db` from `@kit/database`, which resolves to the same transaction while a policy runs) see
 * the operation's own writes and run under the organization lock, so counts are exact.
 */
export type PolicyDatabase = LiveHandle<Executor>;

export interface OrganizationSummary {
  id: string;
  name: string;
  slug: string;
}

export interface ActingMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /**
   * Set when the operation is made with an organization API key: the member above is the
   * key's creator, whose role the key acts with.
   */
  apiKey?: { id: string; name: string };
}

export interface InvitationSummary {
  id: string;
  email: string;
  role: Role;
  /** Null for an operator's invitation (created from the CLI). */
  inviterId: string | null;
  metadata: Record<string, unknown>;
  expiresAt: Date;
}

/** What an `invitationCreate` policy sees, before an invitation is stored. */
export interface InvitationCreateContext {
  organizationId: string;
  organization: OrganizationSummary;
  inviter: ActingMember;
  /**
   * The invitee's email, trimmed and lower-cased; null only on a pre-check made before the
   * address is known (`source: 'precheck'`), where a rule about addresses should allow.
   */
  email: string | null;
  role: Role;
  metadata: Record<string, unknown>;
  source: OperationSource;
  /**
   * Set when the invitation is one row of a bulk import. Rows are evaluated in file order
   * before any is stored, so a counting policy (a quota) adds `allowedBefore`: the rows of
   * this batch already allowed.
   */
  batch?: { size: number; position: number; allowedBefore: number };
  db: PolicyDatabase;
}

/** The invite link a join comes through (`source: 'invite-link'`). */
export interface InviteLinkSummary {
  id: string;
  role: Role;
  /** Null for a link whose creator's account is gone. */
  createdBy: string | null;
  maxUses: number | null;
  /** Uses before this one. */
  uses: number;
  allowedDomains: readonly string[];
  requiresApproval: boolean;
  expiresAt: Date;
}

/** What an `invitationAccept` policy sees, before the invitee becomes a member. */
export interface InvitationAcceptContext {
  organizationId: string;
  organization: OrganizationSummary;
  /**
   * The invitation accepted. For a join through an invite link (`source: 'invite-link'`) it
   * describes the link: its id, the joining address, the link's role and creator and expiry,
   * and `metadata.inviteLinkId`; `inviteLink` has the rest.
   */
  invitation: InvitationSummary;
  inviteLink?: InviteLinkSummary;
  user: { id: string; name: string; email: string };
  source: OperationSource;
  db: PolicyDatabase;
}

/** What an `invitationCancel` policy sees, before an invitation is canceled. */
export interface InvitationCancelContext {
  organizationId: string;
  organization: OrganizationSummary;
  invitation: InvitationSummary;
  actor: ActingMember;
  source: OperationSource;
  db: PolicyDatabase;
}

/** A join request as policies see it. */
export interface JoinRequestSummary {
  /** Null before it is stored (`joinRequestCreate`). */
  id: string | null;
  /** Where it came from: an invite link that needs approval, or a domain suggestion. */
  source: 'invite-link' | 'domain';
  inviteLinkId: string | null;
  message: string | null;
  createdAt: Date;
}

/** What a `joinRequestCreate` policy sees, before a request to join is stored. */
export interface JoinRequestCreateContext {
  organizationId: string;
  organization: OrganizationSummary;
  user: { id: string; name: string; email: string };
  request: JoinRequestSummary;
  source: OperationSource;
  db: PolicyDatabase;
}

/** What a `joinRequestApprove` policy sees, before the requester becomes a member. */
export interface JoinRequestApproveContext {
  organizationId: string;
  organization: OrganizationSummary;
  /** The owner or admin approving. */
  approver: ActingMember;
  user: { id: string; name: string; email: string };
  request: JoinRequestSummary & { id: string };
  /** The role the requester will hold. */
  role: Role;
  source: OperationSource;
  db: PolicyDatabase;
}
