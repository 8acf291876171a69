import { authConfig } from '@kit/auth';
import type { Executor } from '@kit/database';
import { enqueueEmail, invitationEmail } from '@kit/email';

export function invitationUrl(token: string): string {
  return `${authConfig.appUrl}/invite/${token}`;
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

export function renderInvitationEmail(input: InvitationEmailInput) {
  return {
    to: input.email,
    invitationId: input.invitationId,
    ...invitationEmail({
      productName: authConfig.appName,
      organizationName: input.organizationName,
      inviterName: input.inviter?.name ?? `The ${authConfig.appName} team`,
      inviterEmail: input.inviter?.email ?? null,
      role: input.role,
      url: invitationUrl(input.token),
      expiresAt: input.expiresAt,
    }),
  };
}

/** Queues the invitation email in the caller's transaction (delivered after commit). */
export async function queueInvitationEmail(exec: Executor, input: InvitationEmailInput): Promise<void> {
  await enqueueEmail(exec, renderInvitationEmail(input));
}
