import { invitation, member, organization, rowsOf, user, type Executor } from '@kit/database';
import { and, eq, lte, sql } from 'drizzle-orm';
import { fail } from '../errors';
import { hashToken } from '../ids';
import { seatColumns, seatUsageOf, type SeatColumns, type SeatUsage } from '../seats';
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

/** What a new invitation for one address is checked against, read under the organization lock. */
export interface InvitationChecks {
  isMember: boolean;
  /** The address's live pending invitation, if it has one. */
  pendingInvitationId: string | null;
  seats: SeatUsage;
}

/**
 * One statement for every check of a new invitation: expires the address's stale pending
 * invitations (so a new one can take their place), then reads whether the address is a member,
 * its live pending invitation and the seat counts. Run it holding the organization lock.
 */
export async function invitationChecks(
  exec: Executor,
  organizationId: string,
  email: string,
): Promise<InvitationChecks> {
  const [row] = rowsOf<SeatColumns & { is_member: boolean; pending_invitation_id: string | null }>(
    await exec.execute(sql`
      with expired as (
        update ${invitation} set status = 'expired', updated_at = now()
        where ${invitation.organizationId} = ${organizationId} and ${invitation.email} = ${email}
          and ${invitation.status} = 'pending' and ${invitation.expiresAt} <= now()
        returning 1
      )
      select
        exists (
          select 1 from ${member} inner join ${user} on ${user.id} = ${member.userId}
          where ${member.organizationId} = ${organizationId} and ${user.email} = ${email}
        ) as is_member,
        (select ${invitation.id} from ${invitation}
          where ${livePendingInvitations(organizationId)} and ${invitation.email} = ${email}
          limit 1) as pending_invitation_id,
        ${seatColumns(organizationId)}`),
  );
  return {
    isMember: Boolean(row!.is_member),
    pendingInvitationId: row!.pending_invitation_id,
    seats: seatUsageOf(row!),
  };
}
