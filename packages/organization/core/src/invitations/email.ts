import type { Executor } from '@kit/database';
import {
  enqueueEmail,
  invitationAcceptedEmail,
  invitationEmail,
  invitationEmails,
  type QueuedEmail,
} from '@kit/email';
import { organizationRuntime } from '../runtime';

export function invitationUrl(token: string): string {
  return `${organizationRuntime().appUrl}/invite/${token}`;
}

export interface InvitationEmailInput {
  invitationId: string;
  token: string;
  email: string;
  role: string;
  expiresAt: Date;
  organizationName: string;
  /** Null for an operator's invitation (the CLI): the product invites. */
  inviter: { name: string; email: string } | null;
}

const templateProps = (input: InvitationEmailInput) => ({
  productName: organizationRuntime().appName,
  organizationName: input.organizationName,
  inviterName: input.inviter?.name ?? `The ${organizationRuntime().appName} team`,
  inviterEmail: input.inviter?.email ?? null,
  role: input.role,
  url: invitationUrl(input.token),
  expiresAt: input.expiresAt,
});

export async function renderInvitationEmail(input: InvitationEmailInput): Promise<QueuedEmail> {
  return {
    to: input.email,
    invitationId: input.invitationId,
    ...(await invitationEmail(templateProps(input))),
  };
}

/** Many at once (bulk imports): the template is rendered once per batch, not once per row. */
export async function renderInvitationEmails(
  inputs: InvitationEmailInput[],
): Promise<QueuedEmail[]> {
  const contents = await invitationEmails(inputs.map(templateProps));
  return inputs.map((input, i) => ({
    to: input.email,
    invitationId: input.invitationId,
    ...contents[i]!,
  }));
}

/** Queues the invitation email in the caller's transaction (delivered after commit). */
export async function queueInvitationEmail(
  exec: Executor,
  input: InvitationEmailInput,
): Promise<void> {
  await enqueueEmail(exec, await renderInvitationEmail(input));
}

/** The "invitation accepted" email to the inviter (render before the transaction, queue inside it). */
export async function renderInvitationAcceptedEmail(input: {
  inviter: { name: string; email: string };
  organization: { name: string; slug: string };
  member: { name: string; email: string };
  role: string;
}): Promise<QueuedEmail> {
  const { appName, appUrl } = organizationRuntime();
  return {
    to: input.inviter.email,
    ...(await invitationAcceptedEmail({
      productName: appName,
      organizationName: input.organization.name,
      inviterName: input.inviter.name,
      memberName: input.member.name,
      memberEmail: input.member.email,
      role: input.role,
      url: `${appUrl}/orgs/${encodeURIComponent(input.organization.slug)}/members`,
    })),
  };
}
