import type { invitation } from '@kit/database';
import {
  INVITATION_STATUSES,
  type DeliveryStatus,
  type InvitationStatus,
  type InvitationView,
} from '../contracts';
import { currentRoles } from '../roles';

export { INVITATION_STATUSES, type InvitationStatus, type InvitationView };

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

export function toInvitationView(
  row: InvitationRow,
  inviter: { id: string; name: string; email: string } | null,
  delivery: DeliveryStatus | null = null,
  resendCooldownMs = 0,
): InvitationView {
  const status = effectiveStatus(row);
  return {
    id: row.id,
    organizationId: row.organizationId,
    email: row.email,
    role: currentRoles().asRole(row.role),
    status,
    metadata: row.metadata,
    inviter,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    respondedAt: row.respondedAt?.toISOString() ?? null,
    delivery,
    resendAvailableAt:
      status === 'pending'
        ? new Date(row.createdAt.getTime() + resendCooldownMs).toISOString()
        : null,
  };
}
