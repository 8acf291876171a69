import { isRole, type Role } from '@kit/auth/permissions';
import type { invitation } from '@kit/database';
import type { DeliveryStatus } from '@kit/email';

export const INVITATION_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'canceled',
  'expired',
  'replaced',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

type InvitationRow = typeof invitation.$inferSelect;

/** A pending invitation past its expiry is expired, whether or not a write has recorded it yet. */
export function effectiveStatus(
  row: Pick<InvitationRow, 'status' | 'expiresAt'>,
  now = new Date(),
): InvitationStatus {
  if (row.status === 'pending' && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return (INVITATION_STATUSES as readonly string[]).includes(row.status)
    ? (row.status as InvitationStatus)
    : 'canceled';
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
  /** The invitation email's delivery: queued, sending, sent, or failed with the provider's error. */
  delivery: DeliveryStatus | null;
}

export function toInvitationView(
  row: InvitationRow,
  inviter: { id: string; name: string; email: string } | null,
  delivery: DeliveryStatus | null = null,
): InvitationView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    role: isRole(row.role) ? row.role : 'member',
    status: effectiveStatus(row),
    metadata: row.metadata,
    inviter,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    respondedAt: row.respondedAt?.toISOString() ?? null,
    delivery,
  };
}
