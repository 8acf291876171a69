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
  | 'member.role_changed'
  | 'member.removed'
  | 'member.left'
  | 'ownership.transferred';

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
  actor: { id: string; name: string; email: string } | null;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
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
