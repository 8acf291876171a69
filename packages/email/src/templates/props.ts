/**
 * The props of each template. They live in this plain .ts file (each template re-exports its
 * own) so that packages whose tsconfig has no `jsx` setting can import @kit/email: the .tsx
 * templates are loaded with import() at render time and never enter their type-check.
 */

export interface InvitationEmailProps {
  productName: string;
  organizationName: string;
  inviterName: string;
  /** Null when the product itself invites (an operator's invitation from the CLI). */
  inviterEmail: string | null;
  role: string;
  /** The accept link. */
  url: string;
  expiresAt: Date;
}

export interface InvitationAcceptedEmailProps {
  productName: string;
  organizationName: string;
  /** The person who sent the invitation (the recipient). */
  inviterName: string;
  /** The person who joined. */
  memberName: string;
  memberEmail: string;
  role: string;
  /** Where the inviter sees the organization's members. */
  url: string;
}

export interface VerificationEmailProps {
  productName: string;
  name: string;
  url: string;
}

export interface PasswordResetEmailProps {
  productName: string;
  name: string;
  url: string;
}

export interface WelcomeEmailProps {
  productName: string;
  name: string;
  /** Where to start (the app). */
  url: string;
}

export interface WebhookDisabledEmailProps {
  productName: string;
  organizationName: string;
  /** The owner the email goes to. */
  recipientName: string;
  /** The endpoint that was disabled. */
  endpointUrl: string;
  /** How long its deliveries had been failing. */
  failingDays: number;
  /** What the last attempt got (a status code or a connection error). */
  lastError: string | null;
  /** Where the organization's webhooks are managed. */
  url: string;
}

export interface EmailChangeVerificationEmailProps {
  productName: string;
  name: string;
  /** The address the account moves to (the recipient). */
  newEmail: string;
  /** The link that makes the change. */
  url: string;
}

export interface EmailChangeNoticeEmailProps {
  productName: string;
  name: string;
  newEmail: string;
  /** Where to reset the password if the change was not theirs. */
  url: string;
}

export interface ExistingAccountEmailProps {
  productName: string;
  name: string;
  /** The sign-in page. */
  url: string;
}

export interface AccountDeletedEmailProps {
  productName: string;
  name: string;
  /** The app's home page. */
  url: string;
}

export interface JoinRequestReceivedEmailProps {
  productName: string;
  organizationName: string;
  /** The owner or admin this copy goes to. */
  recipientName: string;
  requesterName: string;
  requesterEmail: string;
  message: string | null;
  /** Where the request is reviewed. */
  url: string;
}

export interface JoinRequestApprovedEmailProps {
  productName: string;
  organizationName: string;
  name: string;
  role: string;
  /** The organization in the app. */
  url: string;
}

export interface JoinRequestRejectedEmailProps {
  productName: string;
  organizationName: string;
  name: string;
  reason: string | null;
  url: string;
}

export interface DomainVerificationCodeEmailProps {
  productName: string;
  organizationName: string;
  /** The owner who added the domain. */
  requesterName: string;
  domain: string;
  /** Six digits. */
  code: string;
  expiresInMinutes: number;
  /** Where the code is entered (the organization's domains page). */
  url: string;
}

/** Every template by name, with its props. */
export interface TemplateProps {
  invitation: InvitationEmailProps;
  'invitation-accepted': InvitationAcceptedEmailProps;
  verification: VerificationEmailProps;
  'password-reset': PasswordResetEmailProps;
  welcome: WelcomeEmailProps;
  'webhook-disabled': WebhookDisabledEmailProps;
  'email-change-verification': EmailChangeVerificationEmailProps;
  'email-change-notice': EmailChangeNoticeEmailProps;
  'existing-account': ExistingAccountEmailProps;
  'account-deleted': AccountDeletedEmailProps;
  'join-request-received': JoinRequestReceivedEmailProps;
  'join-request-approved': JoinRequestApprovedEmailProps;
  'join-request-rejected': JoinRequestRejectedEmailProps;
  'domain-verification-code': DomainVerificationCodeEmailProps;
}

export type TemplateName = keyof TemplateProps;

export const templateNames: TemplateName[] = [
  'invitation',
  'invitation-accepted',
  'verification',
  'password-reset',
  'welcome',
  'webhook-disabled',
  'email-change-verification',
  'email-change-notice',
  'existing-account',
  'account-deleted',
  'join-request-received',
  'join-request-approved',
  'join-request-rejected',
  'domain-verification-code',
];
