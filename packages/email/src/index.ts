export { emailEnv, type EmailEnv } from './env';
export { createMailer, getMailer, type Mailer } from './mailer';
export { extractLinks, listMailbox, mailboxTransport, type MailboxEntry } from './transports/mailbox';
export { resendTransport } from './transports/resend';
export { passwordResetEmail, verificationEmail } from './templates/auth';
export { invitationEmail, type InvitationEmailProps } from './templates/invitation';
export { actionEmail, escapeHtml } from './templates/layout';
export * from './types';
