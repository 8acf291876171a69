export {
  deliverDueWebhooks,
  drainWebhooks,
  postWebhook,
  RESPONSE_SNIPPET_BYTES,
  signedHeaders,
  startWebhookWorker,
  type WebhookDeliveryOptions,
  type WebhookDeliveryReport,
  type WebhookWorker,
} from './delivery';
export {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
  MAX_WEBHOOKS_PER_ORGANIZATION,
  notifyWebhooksQueued,
  retryWebhookDelivery,
  updateWebhook,
  type WebhookDeliveryPage,
  type WebhookDeliveryView,
  type WebhookView,
} from './endpoints';
export { WebhookError, type WebhookErrorCode } from './errors';
export {
  isWebhookEventType,
  MEMBER_ADDED_SOURCES,
  WEBHOOK_EVENT_TYPES,
  type MemberAddedSource,
  type WebhookEvent,
  type WebhookEventType,
} from './events';
export { newSigningSecret, openSecret, sealSecret } from './secret';
export {
  DEFAULT_RETRY_SCHEDULE_MS,
  webhookSettingsFromEnv,
  type WebhookSettings,
} from './settings';
export { sweepExpiredInvitations } from './sweep';
export {
  assertPublicDestination,
  isPublicAddress,
  MAX_WEBHOOK_URL_LENGTH,
  parseWebhookUrl,
} from './url-guard';
