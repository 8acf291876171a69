import { authConfig } from '@kit/auth';
import { getMailer, invitationEmail } from '@kit/email';

export function invitationUrl(token: string): string {
  return `${authConfig.appUrl}/invite/${token}`;
}

export interface InvitationEmailInput {
  token: string;
  email: string;
  role: string;
  expiresAt: Date;
  organizationName: string;
  inviter: { name: string; email: string };
}

/**
 * Sends the invitation email. A delivery failure does not undo the invitation: it is
 * logged, and an admin can resend from the pending list.
 */
export async function sendInvitationEmail(input: InvitationEmailInput): Promise<boolean> {
  try {
    await getMailer().send({
      to: input.email,
      ...invitationEmail({
        productName: authConfig.appName,
        organizationName: input.organizationName,
        inviterName: input.inviter.name,
        inviterEmail: input.inviter.email,
        role: input.role,
        url: invitationUrl(input.token),
        expiresAt: input.expiresAt,
      }),
    });
    return true;
  } catch (error) {
    console.error('[organization] invitation email could not be sent', { to: input.email }, error);
    return false;
  }
}
