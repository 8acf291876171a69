import type { Executor } from '@kit/database';
import {
  enqueueTemplateEmail,
  invitationAcceptedEmail,
  sealTemplateEmails,
  type QueuedEmail,
  type SealedEmail,
  type TemplateEmail,
} from '@kit/email';
import { currentRoles } from '../roles';
import { organizationRuntime } from '../runtime';

export function invitationUrl(token: string): string {
  return `${organizationRuntime().appUrl}/invite/${token}`;
}

export interface InvitationEmailInput {
  invitationId: string;
  /** Deleting the organization cancels the email if it has not gone out yet. */
  organizationId: string;
  token: string;
  email: string;
  role: string;
  expiresAt: Date;
  organizationName: string;
  /** Null for an operator's invitation (the CLI): the product invites. */
  inviter: { name: string; email: string } | null;
}

/** A role as emails name it mid-sentence: its label, lower-cased ("admin"). */
const roleWord = (role: string) => currentRoles().label(role).toLowerCase();

const templateProps = (input: InvitationEmailInput) => ({
  productName: organizationRuntime().appName,
  organizationName: input.organizationName,
  inviterName: input.inviter?.name ?? `The ${organizationRuntime().appName} team`,
  inviterEmail: input.inviter?.email ?? null,
  role: roleWord(input.role),
  url: invitationUrl(input.token),
  expiresAt: input.expiresAt,
});

/** The invitation email as the outbox stores it: template and props, rendered at delivery. */
const invitationMessage = (input: InvitationEmailInput): TemplateEmail<'invitation'> => ({
  to: input.email,
  template: 'invitation',
  props: templateProps(input),
  invitationId: input.invitationId,
  organizationId: input.organizationId,
});

/**
 * Queues the invitation email in the caller's transaction (delivered after commit). It needs no
 * check, so it can be queued before the organization lock is taken.
 */
export async function queueInvitationEmail(
  exec: Executor,
  input: InvitationEmailInput,
): Promise<void> {
  await enqueueTemplateEmail(exec, invitationMessage(input));
}

/**
 * Many at once, sealed for queuing in a later step (`enqueueSealedEmails`, or
 * `sealedEmailsInsert` inside a larger statement) once their invitations are known to be stored.
 * Nothing is rendered until delivery.
 */
export const sealInvitationEmails = (inputs: InvitationEmailInput[]): Promise<SealedEmail[]> =>
  sealTemplateEmails(inputs.map(invitationMessage));

/** The "invitation accepted" email to the inviter (render before the transaction, queue inside it). */
export async function renderInvitationAcceptedEmail(input: {
  inviter: { name: string; email: string };
  organization: { id: string; name: string; slug: string };
  member: { name: string; email: string };
  role: string;
}): Promise<QueuedEmail> {
  const { appName, appUrl } = organizationRuntime();
  return {
    to: input.inviter.email,
    organizationId: input.organization.id,
    ...(await invitationAcceptedEmail({
      productName: appName,
      organizationName: input.organization.name,
      inviterName: input.inviter.name,
      memberName: input.member.name,
      memberEmail: input.member.email,
      role: roleWord(input.role),
      url: `${appUrl}/orgs/${encodeURIComponent(input.organization.slug)}/members`,
    })),
  };
}
