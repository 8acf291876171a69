import { db, type Executor } from '@kit/database';
import {
  enforceRateLimits,
  RateLimitedError,
  type RateLimitHit,
  type RateLimitRule,
} from '@kit/rate-limit';

/**
 * How many invitation emails may go out. The API passes these (from its configuration);
 * operator paths (the CLI) pass none and are not limited.
 */
export interface InvitationLimits {
  /** Emails one person may send (new invitations, resends, bulk rows), across organizations. */
  perInviter: RateLimitRule;
  /** Emails one organization may send. */
  perOrganization: RateLimitRule;
  /** Emails one address may receive, across organizations: ends cancel/re-invite loops. */
  perAddress: RateLimitRule;
  /** Wait after an invitation was (re)sent before it can be resent. */
  resendCooldownMs: number;
  /** Bulk import requests (dry runs included) per organization. */
  bulkImportsPerOrganization: RateLimitRule;
}

/**
 * Charges the invitation emails about to be sent. Call it inside the transaction that stores
 * them, under the organization lock: a refusal or any later failure rolls the charge back, so
 * the counters hold exactly the invitations that went out.
 */
export async function chargeInvitationEmails(
  tx: Executor,
  limits: InvitationLimits | undefined,
  send: { organizationId: string; senderId: string; emails: string[] },
): Promise<void> {
  const hits = invitationEmailHits(limits, send);
  if (hits.length > 0) await enforceRateLimits(tx, hits);
}

/** The counters `chargeInvitationEmails` charges (none without limits). */
export function invitationEmailHits(
  limits: InvitationLimits | undefined,
  send: { organizationId: string; senderId: string; emails: string[] },
): RateLimitHit[] {
  if (!limits || send.emails.length === 0) return [];
  const cost = send.emails.length;
  return [
    {
      key: `invitations:inviter:${send.senderId}`,
      rule: limits.perInviter,
      cost,
      reason: 'You have sent too many invitations',
    },
    {
      key: `invitations:organization:${send.organizationId}`,
      rule: limits.perOrganization,
      cost,
      reason: 'This organization has sent too many invitations',
    },
    ...send.emails.map((email) => ({
      key: `invitations:address:${email.toLowerCase()}`,
      rule: limits.perAddress,
      reason: `Too many invitations were sent to ${email}`,
    })),
  ];
}

/** When a pending invitation last sent at `sentAt` may be resent. */
export function resendAvailableAt(sentAt: Date, limits: InvitationLimits | undefined): Date {
  return new Date(sentAt.getTime() + (limits?.resendCooldownMs ?? 0));
}

/**
 * The resend cooldown and the send counters, for the invitation row about to be replaced
 * (its createdAt is when it was last sent). Runs inside the resend transaction.
 */
export async function assertMayResend(
  tx: Executor,
  limits: InvitationLimits | undefined,
  current: { createdAt: Date; email: string; organizationId: string },
  senderId: string,
  now = new Date(),
): Promise<void> {
  const waitMs = resendAvailableAt(current.createdAt, limits).getTime() - now.getTime();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new RateLimitedError(
      seconds,
      `This invitation was sent moments ago. Try again in ${seconds} s.`,
    );
  }
  await chargeInvitationEmails(tx, limits, {
    organizationId: current.organizationId,
    senderId,
    emails: [current.email],
  });
}

/** One bulk import request (or dry run) for the organization. */
export async function enforceBulkImportLimit(
  limits: InvitationLimits | undefined,
  organizationId: string,
): Promise<void> {
  if (!limits) return;
  await enforceRateLimits(db, [
    {
      key: `bulk-imports:organization:${organizationId}`,
      rule: limits.bulkImportsPerOrganization,
      reason: 'Too many bulk imports for this organization',
    },
  ]);
}
