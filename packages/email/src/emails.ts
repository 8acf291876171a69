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

/** To an organization's owners, when a webhook endpoint failing for days is disabled. */
export const webhookDisabledEmail = (props: PropsOf<'webhook-disabled'>): Promise<EmailContent> =>
  renderEmail('webhook-disabled', props);
/** To the new address: the link that moves the account to it. */
export const emailChangeVerificationEmail = (
  props: PropsOf<'email-change-verification'>,
): Promise<EmailContent> => renderEmail('email-change-verification', props);

/** To the current address: a change to another one was asked for. */
export const emailChangeNoticeEmail = (
  props: PropsOf<'email-change-notice'>,
): Promise<EmailContent> => renderEmail('email-change-notice', props);

/** To an address that signed up again although it has an account. */
export const existingAccountEmail = (props: PropsOf<'existing-account'>): Promise<EmailContent> =>
  renderEmail('existing-account', props);

/** To the address of an account that was just deleted. */
export const accountDeletedEmail = (props: PropsOf<'account-deleted'>): Promise<EmailContent> =>
  renderEmail('account-deleted', props);
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
