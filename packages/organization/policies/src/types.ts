import type { Role } from '@kit/auth/permissions';

/** Where an operation came from; every source runs the same policies. */
export type OperationSource = 'api' | 'bulk' | 'cli' | 'server';

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
  /** The invitee's email, trimmed and lower-cased. */
  email: string;
  role: Role;
  metadata: Record<string, unknown>;
  source: OperationSource;
  /**
   * Set when the invitation is one row of a bulk import. Rows are evaluated before any is
   * stored, so a counting policy (a quota) adds `allowedBefore`: the rows of this batch
   * already allowed.
   */
  batch?: { size: number; position: number; allowedBefore: number };
}

/** What an `invitationAccept` policy sees, before the invitee becomes a member. */
export interface InvitationAcceptContext {
  organizationId: string;
  organization: OrganizationSummary;
  invitation: InvitationSummary;
  user: { id: string; name: string; email: string };
  source: OperationSource;
}

/** What an `invitationCancel` policy sees, before an invitation is canceled. */
export interface InvitationCancelContext {
  organizationId: string;
  organization: OrganizationSummary;
  invitation: InvitationSummary;
  actor: ActingMember;
  source: OperationSource;
}
