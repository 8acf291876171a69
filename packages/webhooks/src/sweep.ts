import { db as defaultDb, rowsOf, type Database } from '@kit/database';
import { sql } from 'drizzle-orm';

// Namespace of the advisory lock that keeps two processes from sweeping at once.
const SWEEP_LOCK = 7_240_817;

/**
 * Records `invitation.expired` in the activity log for invitations whose expiry passed (once
 * each, for those that expired within the last week), which sends the webhook event. Pending
 * rows keep their status: an expired invitation can still be resent.
 */
export async function sweepExpiredInvitations(database: Database = defaultDb): Promise<number> {
  return database.transaction(async (tx) => {
    const locked = await tx.execute(
      sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK}, 0) as locked`,
    );
    if (!rowsOf<{ locked: boolean }>(locked)[0]?.locked) return 0;
    const inserted = await tx.execute(sql`
      insert into organization_activity
        (id, organization_id, actor_id, action, target_type, target_id, target_label, data, created_at)
      select gen_random_uuid()::text, i.organization_id, null, 'invitation.expired', 'invitation',
             i.id, i.email,
             jsonb_build_object('role', i.role,
               'expiresAt', to_char(i.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             date_trunc('milliseconds', now())
      from invitation i
      where i.status in ('pending', 'expired')
        and i.expires_at <= now() and i.expires_at > now() - interval '7 days'
        and not exists (
          select 1 from organization_activity a
          where a.action = 'invitation.expired' and a.target_id = i.id)
      limit 1000
      returning id`);
    return rowsOf(inserted).length;
  });
}
