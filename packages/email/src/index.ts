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
  groupOf,
  invitationDeliveryStatus,
  purgeExpiredEmailBodies,
  startEmailWorker,
  type DeliveryOptions,
  type DeliveryPolicy,
  type DeliveryReport,
  type DeliveryStatus,
  type EmailWorker,
  type QueuedEmail,
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
  accountDeletedEmail,
  emailChangeNoticeEmail,
  emailChangeVerificationEmail,
  existingAccountEmail,
  domainVerificationCodeEmail,
  invitationAcceptedEmail,
  invitationEmail,
  invitationEmails,
  joinRequestApprovedEmail,
  joinRequestReceivedEmail,
  joinRequestRejectedEmail,
  passwordResetEmail,
  verificationEmail,
  webhookDisabledEmail,
  welcomeEmail,
} from './emails';
export {
  escapeHtml,
  htmlToText,
  loadTemplate,
  renderEmail,
  renderEmails,
  type PropsOf,
  type TemplateModule,
} from './render';
export {
  templateNames,
  type AccountDeletedEmailProps,
  type EmailChangeNoticeEmailProps,
  type EmailChangeVerificationEmailProps,
  type ExistingAccountEmailProps,
  type DomainVerificationCodeEmailProps,
  type InvitationAcceptedEmailProps,
  type InvitationEmailProps,
  type JoinRequestApprovedEmailProps,
  type JoinRequestReceivedEmailProps,
  type JoinRequestRejectedEmailProps,
  type PasswordResetEmailProps,
  type TemplateName,
  type TemplateProps,
  type VerificationEmailProps,
  type WebhookDisabledEmailProps,
  type WelcomeEmailProps,
} from './templates/props';
export * from './types';
