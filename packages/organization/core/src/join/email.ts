import { member, user, type Executor } from '@kit/database';
import {
  enqueueEmail,
  joinRequestApprovedEmail,
  joinRequestReceivedEmail,
  joinRequestRejectedEmail,
} from '@kit/email';
import { and, eq, inArray } from 'drizzle-orm';
import { currentRoles } from '../roles';
import { organizationRuntime } from '../runtime';

/**
 * The emails of joining without an invitation. One function per email, each queued in the
 * caller's transaction (delivered after commit, dropped if it rolls back).
 */

type Org = { id: string; name: string; slug: string };
type Person = { id: string; name: string; email: string };

const orgUrl = (org: Org, page = '') =>
  `${organizationRuntime().appUrl}/orgs/${encodeURIComponent(org.slug)}${page}`;

/** To every member who may approve (the roles holding `member: create`). */
export async function queueJoinRequestReceivedEmails(
  exec: Executor,
  input: { organization: Org; requester: Person; message: string | null },
): Promise<void> {
  const approverRoles = currentRoles().holders({ member: ['create'] });
  if (approverRoles.length === 0) return;
  const approvers = await exec
    .select({ name: user.name, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(eq(member.organizationId, input.organization.id), inArray(member.role, approverRoles)),
    );
  for (const approver of approvers) {
    await enqueueEmail(exec, {
      to: approver.email,
      organizationId: input.organization.id,
      ...(await joinRequestReceivedEmail({
        productName: organizationRuntime().appName,
        organizationName: input.organization.name,
        recipientName: approver.name,
        requesterName: input.requester.name,
        requesterEmail: input.requester.email,
        message: input.message,
        url: orgUrl(input.organization, '/requests'),
      })),
    });
  }
}

/** To the requester, once an owner or admin answered. */
export async function queueJoinRequestDecidedEmail(
  exec: Executor,
  input: {
    organization: Org;
    requester: Person;
    approved: boolean;
    role: string | null;
    reason: string | null;
  },
): Promise<void> {
  const { appName, appUrl } = organizationRuntime();
  const content = input.approved
    ? await joinRequestApprovedEmail({
        productName: appName,
        organizationName: input.organization.name,
        name: input.requester.name,
        role: currentRoles()
          .label(input.role ?? currentRoles().defaultRole)
          .toLowerCase(),
        url: orgUrl(input.organization),
      })
    : await joinRequestRejectedEmail({
        productName: appName,
        organizationName: input.organization.name,
        name: input.requester.name,
        reason: input.reason,
        url: `${appUrl}/dashboard`,
      });
  await enqueueEmail(exec, { to: input.requester.email, ...content });
}
