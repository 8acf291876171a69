import {
  db,
  invitation,
  member,
  organization,
  organizationActivity,
  verification,
  type Executor,
} from '@kit/database';
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { lockOrganization } from './access';
import { recordActivity } from './activity';
import { fail } from './errors';
import { currentRoles } from './roles';

/** What the organizations' history shows where a deleted account's name or address was. */
export const DELETED_USER_LABEL = 'Deleted user';

export interface OwnedOrganization {
  id: string;
  name: string;
  slug: string;
}

/** The account being deleted, as better-auth hands it over. */
export interface DeletedAccount {
  id: string;
  email: string;
}

/**
 * The organizations whose only owner is `userId`: while there is one, the account cannot be
 * deleted (the organization would be left without anyone able to manage it).
 */
export async function organizationsOnlyOwnedBy(
  exec: Executor,
  userId: string,
): Promise<OwnedOrganization[]> {
  const owner = currentRoles().owner;
  const owners = exec
    .select({
      organizationId: member.organizationId,
      n: sql<number>`count(*)::int`.as('n'),
    })
    .from(member)
    .where(eq(member.role, owner))
    .groupBy(member.organizationId)
    .as('owners');
  return exec
    .select({ id: organization.id, name: organization.name, slug: organization.slug })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .innerJoin(owners, eq(owners.organizationId, member.organizationId))
    .where(and(eq(member.userId, userId), eq(member.role, owner), eq(owners.n, 1)))
    .orderBy(asc(organization.name), asc(organization.id));
}

const quoted = (orgs: OwnedOrganization[]) => orgs.map((o) => `"${o.name}"`).join(', ');

/**
 * Everything the organizations hold about an account, settled before the account row goes
 * (better-auth's `beforeDelete`). In one transaction, under the lock of every organization the
 * person belongs to (so two owners deleting their accounts at once cannot leave an organization
 * without one):
 * - refused with LAST_OWNER, naming the organizations, while they are the only owner of any;
 * - each membership is removed, recorded in the organization's activity as "left";
 * - the activity log keeps its entries: where they named the person by address (targets, the
 *   from/to of an ownership transfer) they now read DELETED_USER_LABEL; the actor column is
 *   cleared when the account row is deleted (by the trigger that checks it; see `invitation` in
 *   @kit/database);
 * - invitations addressed to them that were answered (accepted, declined, canceled, replaced)
 *   are removed; pending ones stay, as the organization's offer to an address it may cancel;
 * - invitations they sent stay valid; the inviter is cleared the same way;
 * - their pending verification values (password reset links) are removed.
 * Sessions, credentials and the user row are then removed by better-auth.
 */
export async function prepareAccountDeletion(account: DeletedAccount): Promise<void> {
  const email = account.email.toLowerCase();
  await db.transaction(async (tx) => {
    const memberships = await tx
      .select({ id: member.id, organizationId: member.organizationId, role: member.role })
      .from(member)
      .where(eq(member.userId, account.id))
      .orderBy(asc(member.organizationId));
    // One order for every caller, so that two deletions cannot wait on each other's locks.
    for (const m of memberships) await lockOrganization(tx, m.organizationId);

    const onlyOwned = await organizationsOnlyOwnedBy(tx, account.id);
    if (onlyOwned.length > 0) {
      const many = onlyOwned.length > 1;
      fail(
        'LAST_OWNER',
        `You are the only owner of ${quoted(onlyOwned)}. Make another member an owner of ${many ? 'each' : 'it'}, transfer ownership, or delete ${many ? 'them' : 'it'} before deleting your account.`,
        {
          remediation:
            'Transfer ownership or delete the organization in its settings, then try again.',
          details: { organizations: onlyOwned },
        },
      );
    }

    for (const m of memberships) {
      await tx.delete(member).where(eq(member.id, m.id));
      await recordActivity(tx, {
        organizationId: m.organizationId,
        actorId: account.id,
        action: 'member.left',
        targetType: 'member',
        targetId: m.id,
        targetLabel: DELETED_USER_LABEL,
        data: { role: m.role, accountDeleted: true },
      });
    }

    await tx
      .update(organizationActivity)
      .set({ targetLabel: DELETED_USER_LABEL })
      .where(sql`lower(${organizationActivity.targetLabel}) = ${email}`);
    for (const key of ['from', 'to'] as const) {
      await tx
        .update(organizationActivity)
        .set({
          data: sql`${organizationActivity.data} || jsonb_build_object(${key}::text, ${DELETED_USER_LABEL}::text)`,
        })
        .where(sql`lower(${organizationActivity.data} ->> ${key}) = ${email}`);
    }

    await tx
      .delete(invitation)
      .where(and(eq(invitation.email, email), ne(invitation.status, 'pending')));
    await tx.delete(verification).where(eq(verification.value, account.id));
  });
}
