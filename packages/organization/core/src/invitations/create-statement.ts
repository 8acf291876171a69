import { invitation, member, organization, user } from '@kit/database';
import { sealedEmailsInsert, type SealedEmail } from '@kit/email';
import { chargeSql, type RateLimitHit } from '@kit/rate-limit';
import type { OperationSource } from '@kit/organization-policies';
import { sql, type SQL } from 'drizzle-orm';
import type { ApiKeyActor } from '../actor';
import { seatColumns, seatLimitSql, type SeatColumns } from '../seats';
import { livePendingInvitations, type InvitationRow } from './queries';
import { invitationInserts, type NewInvitation } from './store';

/** What the statement answers: the checks as read under the lock, and whether it stored. */
export type CreateStatementRow = SeatColumns & {
  is_member: boolean;
  pending_invitation_id: string | null;
  stored: boolean;
};

/**
 * One statement that checks a new invitation and stores it: run it right after the
 * organization lock, in the same transaction (on its own it would read with a snapshot taken
 * before the lock was granted). In order:
 * 1. expires the address's stale pending invitations (so a new one can take their place);
 * 2. reads whether the address is a member, its live pending invitation, and the seat counts;
 * 3. when all three allow it, charges the send counters, and when those stay within their
 *    rules, queues the email and inserts the invitation with its activity entry.
 * A counter over its rule makes the statement fail with a division by zero (the one way plain
 * SQL has to abort): the transaction, the charge with it, rolls back, and the caller explains
 * the refusal. A refusal by the checks stores nothing and is read from the answer.
 */
export function createInvitationStatement(input: {
  organizationId: string;
  actorId: string;
  /** The API key the invitation is sent with, named by its activity entry. */
  apiKey?: ApiKeyActor;
  /** Where the invitation comes from, for its activity entry. */
  source: OperationSource;
  expiresAt: Date;
  invitation: NewInvitation;
  email: SealedEmail;
  hits: RateLimitHit[];
}): { statement: SQL; row: InvitationRow } {
  const { organizationId } = input;
  const address = input.invitation.email;
  // Each reference to `verdict` below makes it, and `expired` before it, run first.
  const allowed = sql`(select ok from verdict)`;
  const charge = chargeSql(input.hits, allowed);
  const within = charge ? sql`not ${charge.over(sql`charged`)}` : sql`true`;
  const inserts = invitationInserts({
    organizationId,
    actorId: input.actorId,
    apiKey: input.apiKey,
    source: input.source,
    expiresAt: input.expiresAt,
    invitations: [input.invitation],
  });
  const insert = inserts.chunks[0]!(sql`(select go from guard)`);
  const statement = sql`
    with expired as (
      update ${invitation} set status = 'expired', updated_at = now()
      where ${invitation.organizationId} = ${organizationId} and ${invitation.email} = ${address}
        and ${invitation.status} = 'pending' and ${invitation.expiresAt} <= now()
      returning 1
    ),
    checks as (
      select
        (select count(*) from expired) as expired,
        exists (
          select 1 from ${member} inner join ${user} on ${user.id} = ${member.userId}
          where ${member.organizationId} = ${organizationId} and ${user.email} = ${address}
        ) as is_member,
        (select ${invitation.id} from ${invitation}
          where ${livePendingInvitations(organizationId)} and ${invitation.email} = ${address}
          limit 1) as pending_invitation_id,
        ${seatColumns(organizationId)}
    ),
    verdict as (
      select checks.*, (
        exists (select 1 from ${organization} where ${organization.id} = ${organizationId})
        and not checks.is_member and checks.pending_invitation_id is null
        and coalesce(${seatLimitSql(sql`checks`)} - checks.members - checks.pending >= 1, true)
      ) as ok
      from checks
    ),
    ${charge ? sql`charged as (${charge.upsert}),` : sql``}
    guard as (
      select ${allowed} and 1 / (case when ${within} then 1 else 0 end) = 1 as go
    ),
    queued as (${sealedEmailsInsert([input.email], sql`(select go from guard)`)} returning 1),
    stored as (${insert.invitations}),
    activity as (${insert.activity} returning 1)
    select verdict.is_member, verdict.pending_invitation_id, verdict.subscription_plan,
      verdict.subscription_seats, verdict.members, verdict.pending,
      exists (select 1 from stored) as stored
    from verdict`;
  return { statement, row: inserts.rows[0]! };
}
