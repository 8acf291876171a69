import { invitation, member, organization, user, type Executor } from '@kit/database';
import { and, eq, lte, sql } from 'drizzle-orm';
import { fail } from '../errors';
import { hashToken } from '../ids';
import { effectiveStatus, type InvitationStatus } from './view';

export type InvitationRow = typeof invitation.$inferSelect;

/** Pending and not yet expired: the invitations that hold a seat and block a duplicate. */
export const livePendingInvitations = (organizationId: string) =>
  and(
    eq(invitation.organizationId, organizationId),
    eq(invitation.status, 'pending'),
    sql`${invitation.expiresAt} > now()`,
  );

export async function findInvitationByToken(exec: Executor, token: string) {
  if (!/^[A-Za-z0-9_-]{20,128}$/.test(token)) return undefined;
  const [row] = await exec
    .select({
      invitation,
      organization,
      inviter: { id: user.id, name: user.name, email: user.email },
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .leftJoin(user, eq(user.id, invitation.inviterId))
    .where(eq(invitation.tokenHash, hashToken(token)))
    .limit(1);
  return row;
}

export async function findInvitationInOrganization(
  exec: Executor,
  organizationId: string,
  invitationId: string,
  options: { lock?: boolean } = {},
) {
  const query = exec
    .select()
    .from(invitation)
    .where(and(eq(invitation.organizationId, organizationId), eq(invitation.id, invitationId)))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) return fail('INVITATION_NOT_FOUND');
  return row;
}

const goneCodes: Record<Exclude<InvitationStatus, 'pending'>, Parameters<typeof fail>[0]> = {
  expired: 'INVITATION_EXPIRED',
  canceled: 'INVITATION_CANCELED',
  replaced: 'INVITATION_REPLACED',
  accepted: 'INVITATION_ALREADY_ACCEPTED',
  declined: 'INVITATION_DECLINED',
};

const remediation: Record<Exclude<InvitationStatus, 'pending'>, string> = {
  expired: 'Ask the person who invited you to send a new invitation.',
  canceled: 'Ask an owner or admin of the organization for a new invitation.',
  replaced: 'Use the link in the most recent invitation email.',
  accepted: 'Sign in to open the organization.',
  declined: 'Ask an owner or admin of the organization for a new invitation.',
};

/** Throws the 410 that matches why a link can no longer be used. */
export function assertInvitationUsable(
  row: InvitationRow,
  context: { organizationName?: string } = {},
): void {
  const status = effectiveStatus(row);
  if (status === 'pending') return;
  fail(goneCodes[status], undefined, {
    remediation: remediation[status],
    details: {
      status,
      organizationId: row.organizationId,
      organizationName: context.organizationName,
      email: row.email,
    },
  });
}

/** Marks the email's stale pending invitations as expired so a new one can take their place. */
export async function expireStaleInvitations(
  exec: Executor,
  organizationId: string,
  email: string,
) {
  await exec
    .update(invitation)
    .set({ status: 'expired' })
    .where(
      and(
        eq(invitation.organizationId, organizationId),
        eq(invitation.email, email),
        eq(invitation.status, 'pending'),
        lte(invitation.expiresAt, sql`now()`),
      ),
    );
}

export async function isMemberByEmail(
  exec: Executor,
  organizationId: string,
  email: string,
): Promise<boolean> {
  const [row] = await exec
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, organizationId), eq(user.email, email)))
    .limit(1);
  return Boolean(row);
}

export async function findPendingInvitation(exec: Executor, organizationId: string, email: string) {
  const [row] = await exec
    .select({ id: invitation.id, expiresAt: invitation.expiresAt })
    .from(invitation)
    .where(and(livePendingInvitations(organizationId), eq(invitation.email, email)))
    .limit(1);
  return row;
}
