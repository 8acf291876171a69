import { renderEmail, renderEmails, type PropsOf } from './render';
import type { EmailContent } from './types';

/** The invitation to join an organization (to the person invited). */
export const invitationEmail = (props: PropsOf<'invitation'>): Promise<EmailContent> =>
  renderEmail('invitation', props);

/**
 * Many invitations at once (bulk imports): rendered once per organization, inviter, role and
 * expiry, with each row's own link put in. Same output as invitationEmail for each row.
 */
export const invitationEmails = (rows: PropsOf<'invitation'>[]): Promise<EmailContent[]> =>
  renderEmails('invitation', rows, { vary: ['url'] });

/** To the inviter, when the invitation is accepted. */
export const invitationAcceptedEmail = (
  props: PropsOf<'invitation-accepted'>,
): Promise<EmailContent> => renderEmail('invitation-accepted', props);

/** Confirms the address given at sign-up. */
export const verificationEmail = (props: PropsOf<'verification'>): Promise<EmailContent> =>
  renderEmail('verification', props);

/** The password reset link. */
export const passwordResetEmail = (props: PropsOf<'password-reset'>): Promise<EmailContent> =>
  renderEmail('password-reset', props);

/** Once the address is verified. */
export const welcomeEmail = (props: PropsOf<'welcome'>): Promise<EmailContent> =>
  renderEmail('welcome', props);

/** To each owner and admin, when someone asks to join. */
export const joinRequestReceivedEmail = (
  props: PropsOf<'join-request-received'>,
): Promise<EmailContent> => renderEmail('join-request-received', props);

/** To the requester, when their request to join is approved. */
export const joinRequestApprovedEmail = (
  props: PropsOf<'join-request-approved'>,
): Promise<EmailContent> => renderEmail('join-request-approved', props);

/** To the requester, when their request to join is rejected. */
export const joinRequestRejectedEmail = (
  props: PropsOf<'join-request-rejected'>,
): Promise<EmailContent> => renderEmail('join-request-rejected', props);

/** The code proving affiliation with a domain, to an address at it. */
export const domainVerificationCodeEmail = (
  props: PropsOf<'domain-verification-code'>,
): Promise<EmailContent> => renderEmail('domain-verification-code', props);
