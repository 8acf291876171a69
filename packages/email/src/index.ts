export { emailEnv, type EmailEnv } from './env';
export { createMailer, getMailer, getTransport, type Mailer } from './mailer';
export {
  defaultDeliveryPolicy,
  deliverDueEmails,
  drainOutbox,
  enqueueEmail,
  enqueueEmails,
  invitationDeliveryStatus,
  startEmailWorker,
  type DeliveryPolicy,
  type DeliveryReport,
  type DeliveryStatus,
  type EmailWorker,
  type QueuedEmail,
} from './outbox';
export { extractLinks, listMailbox, mailboxTransport, type MailboxEntry } from './transports/mailbox';
export { resendTransport } from './transports/resend';
export { passwordResetEmail, verificationEmail } from './templates/auth';
export { invitationEmail, type InvitationEmailProps } from './templates/invitation';
export { actionEmail, escapeHtml } from './templates/layout';
export * from './types';
