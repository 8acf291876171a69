import { allow, definePolicy, deny } from '@kit/policies';
import { invitation } from '@kit/database';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { InvitationCreateContext } from '../types';

/**
 * A member may send at most `perUser` invitations per organization. Resends do not count
 * (they replace an invitation); every other invitation does, whatever became of it.
 *
 * @example invitationCreateRegistry.registerPolicy(invitationQuotaPolicy({ perUser: 10 }));
 */
export function invitationQuotaPolicy({ perUser }: { perUser: number }) {
  if (!Number.isInteger(perUser) || perUser < 0)
    throw new Error('invitationQuotaPolicy: perUser must be a whole number ≥ 0');
  return definePolicy<InvitationCreateContext>({
    id: 'invitation-create.quota',
    description: `At most ${perUser} invitations per member and organization`,
    evaluate: async (context) => {
      if (context.source === 'resend') return allow();
      // The operation's transaction, under the organization lock: concurrent invitations
      // queue behind each other, so the count is exact.
      const [row] = await context.db
        .select({ sent: sql<number>`count(*)::int` })
        .from(invitation)
        .where(
          and(
            eq(invitation.organizationId, context.organizationId),
            eq(invitation.inviterId, context.inviter.userId),
            ne(invitation.status, 'replaced'),
          ),
        );
      const sent = (row?.sent ?? 0) + (context.batch?.allowedBefore ?? 0);
      if (sent >= perUser) {
        return deny({
          code: 'INVITATION_QUOTA_EXCEEDED',
          message: `You have used all ${perUser} of your invitations for this organization.`,
          remediation: 'Ask an owner to invite more people, or to raise your invitation quota.',
          metadata: { limit: perUser, sent },
        });
      }
      return allow();
    },
  });
}
