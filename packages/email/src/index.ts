export { brand, colors, DEFAULT_FROM, type Brand, type BrandColors } from './brand';
export { emailEnv, type EmailEnv } from './env';
export { createMailer, getMailer, getTransport, type Mailer } from './mailer';
export {
  batchIdempotencyKey,
  BATCH_GROUP_SIZE,
  cancelOrganizationEmails,
  defaultDeliveryPolicy,
  deliverDueEmails,
  drainOutbox,
  enqueueEmail,
  enqueueEmails,
  enqueueSealedEmails,
  enqueueTemplateEmail,
  enqueueTemplateEmails,
  sealTemplateEmails,
  groupOf,
  invitationDeliveryStatus,
  purgeExpiredEmailBodies,
  startEmailWorker,
  type DeliveryOptions,
  type DeliveryPolicy,
  type DeliveryReport,
  type DeliveryStatus,
  type AnyTemplateEmail,
  type EmailWorker,
  type EmailWorkerOptions,
  type QueuedEmail,
  type SealedEmail,
  type TemplateEmail,
} from './outbox';
export {
  extractLinks,
  listMailbox,
  mailboxTransport,
  type MailboxEntry,
} from './transports/mailbox';
export {
  resendTransport,
  RESEND_BATCH_LIMIT,
  type ResendTransportOptions,
} from './transports/resend';
export {
  invitationAcceptedEmail,
  invitationEmail,
  invitationEmails,
  passwordResetEmail,
  verificationEmail,
  welcomeEmail,
} from './emails';
export {
  escapeHtml,
  htmlToText,
  loadTemplate,
  completeTemplateEmails,
  renderEmail,
  renderEmails,
  renderTemplateEmails,
  type PropsOf,
  type TemplateModule,
} from './render';
export {
  templateNames,
  type InvitationAcceptedEmailProps,
  type InvitationEmailProps,
  type PasswordResetEmailProps,
  type TemplateName,
  type TemplateProps,
  type VerificationEmailProps,
  type WelcomeEmailProps,
} from './templates/props';
export * from './types';
