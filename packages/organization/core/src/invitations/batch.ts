import { db, invitation } from '@kit/database';
import { PolicyDeniedError } from '@kit/policies';
import { RateLimitedError } from '@kit/rate-limit';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../actor';
import { lockOrganization, requireAuthorized, type Membership } from '../access';
import { fail, OrganizationError } from '../errors';
import { currentRoles, roleNoun } from '../roles';
import type { InvitationLimits } from './limits';
import {
  cancelInvitation,
  cancelLockedInvitation,
  createInvitation,
  resendInvitation,
  type CreatedInvitation,
} from './manage';
import { findInvitationInOrganization } from './queries';
import { effectiveStatus, toInvitationView, type InvitationView } from './view';

export const MAX_BATCH_INVITATIONS = 100;
export const BATCH_ACTIONS = ['resend', 'cancel', 'renew', 'remove'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

function notExpired(status: string): never {
  return fail('INVITATION_NOT_PENDING', `This invitation is ${status}, not expired.`, {
    remediation: 'Only expired invitations can be sent again as new ones or removed.',
  });
}

/**
 * "Send new invitation" for an expired one: a fresh invitation to the same address with the same
 * role, through `createInvitation` itself (permission, role ceiling, duplicates, policies, seats,
 * send limits), and the expired row marked replaced by it, in one transaction: either both
 * happen or neither (no new invitation and email next to a row still listed as expired). The
 * old row is locked first, so two renewals of it cannot both create an invitation.
 */
export async function renewInvitation({
  actor,
  organizationId,
  invitationId,
  limits,
}: {
  actor: Actor;
  organizationId: string;
  invitationId: string;
  limits?: InvitationLimits;
}): Promise<CreatedInvitation> {
  await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const old = await findInvitationInOrganization(tx, organizationId, invitationId, {
      lock: true,
    });
    const status = effectiveStatus(old);
    if (status !== 'expired') notExpired(status);
    // `db` inside this callback is `tx`: createInvitation's own transaction nests in this one.
    const created = await createInvitation({
      actor,
      organizationId,
      input: { email: old.email, role: currentRoles().asRole(old.role), metadata: old.metadata },
      source: 'resend',
      limits,
    });
    // createInvitation marked the row expired under the lock; it now points at its successor.
    await tx
      .update(invitation)
      .set({ status: 'replaced', replacedById: created.invitation.id })
      .where(and(eq(invitation.id, old.id), inArray(invitation.status, ['pending', 'expired'])));
    return created;
  });
}

function assertMayHandle(membership: Membership, role: string) {
  const roles = currentRoles();
  if (roles.mayAssign(membership.role, role)) return;
  fail(
    roles.isOwner(role) ? 'CANNOT_MODIFY_OWNER' : 'ROLE_NOT_ALLOWED',
    `Only ${roleNoun(roles.assigners(role))} can manage ${roleNoun([role])} invitation.`,
  );
}

/**
 * Removes an expired invitation from the open lists: it is recorded as canceled, with the same
 * permission, role ceiling and `invitationCancel` policies as canceling a pending one.
 */
export async function removeExpiredInvitation({
  actor,
  organizationId,
  invitationId,
}: {
  actor: Actor;
  organizationId: string;
  invitationId: string;
}): Promise<InvitationView> {
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['cancel'] });
  const row = await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const locked = await findInvitationInOrganization(tx, organizationId, invitationId, {
      lock: true,
    });
    const status = effectiveStatus(locked);
    if (status !== 'expired') notExpired(status);
    assertMayHandle(membership, locked.role);
    return cancelLockedInvitation(tx, {
      organizationId,
      membership,
      locked,
      actor,
      source: 'api',
      data: { expired: true },
    });
  });
  return toInvitationView(row, null);
}

export type BatchItemResult =
  | { id: string; ok: true; invitation: InvitationView }
  | {
      id: string;
      ok: false;
      error: { code: string; message: string; status: number; retryAfter?: number };
    };

export interface BatchResult {
  action: BatchAction;
  results: BatchItemResult[];
  succeeded: number;
  failed: number;
}

/** A refusal a caller can act on; anything else is a fault and propagates. */
function itemError(error: unknown): Extract<BatchItemResult, { ok: false }>['error'] | null {
  if (error instanceof OrganizationError)
    return { code: error.code, message: error.message, status: error.status };
  if (error instanceof PolicyDeniedError)
    return { code: error.code, message: error.message, status: 403 };
  if (error instanceof RateLimitedError)
    return {
      code: error.code,
      message: error.message,
      status: 429,
      retryAfter: error.retryAfterSeconds,
    };
  return null;
}

const permissionFor: Record<BatchAction, 'resend' | 'cancel' | 'create'> = {
  resend: 'resend',
  cancel: 'cancel',
  renew: 'create',
  remove: 'cancel',
};

/**
 * One action on several invitations, item by item through the single-invitation services (so
 * each passes the same checks, policies, seats and send limits), each in its own transaction:
 * one refusal does not undo the others. The response says what happened to every id.
 */
export async function batchInvitations({
  actor,
  organizationId,
  action,
  ids,
  limits,
}: {
  actor: Actor;
  organizationId: string;
  action: BatchAction;
  ids: string[];
  limits?: InvitationLimits;
}): Promise<BatchResult> {
  if (ids.length === 0 || ids.length > MAX_BATCH_INVITATIONS) {
    fail('VALIDATION_ERROR', `Select between 1 and ${MAX_BATCH_INVITATIONS} invitations.`);
  }
  // Outsiders and roles without the permission are refused as a whole, before any item.
  await requireAuthorized(db, organizationId, actor, {
    invitation: [permissionFor[action]],
  });
  const results: BatchItemResult[] = [];
  for (const id of [...new Set(ids)]) {
    const scope = { actor, organizationId, invitationId: id };
    try {
      const view =
        action === 'resend'
          ? (await resendInvitation({ ...scope, limits })).invitation
          : action === 'cancel'
            ? await cancelInvitation(scope)
            : action === 'renew'
              ? (await renewInvitation({ ...scope, limits })).invitation
              : await removeExpiredInvitation(scope);
      results.push({ id, ok: true, invitation: view });
    } catch (error) {
      const refused = itemError(error);
      if (!refused) throw error;
      results.push({ id, ok: false, error: refused });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action, results, succeeded, failed: results.length - succeeded };
}
