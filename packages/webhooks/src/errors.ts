export type WebhookErrorCode =
  | 'INVALID_WEBHOOK_URL'
  | 'UNKNOWN_WEBHOOK_EVENT'
  | 'WEBHOOK_LIMIT_REACHED'
  | 'WEBHOOK_NOT_FOUND'
  | 'WEBHOOK_DELIVERY_NOT_FOUND'
  | 'WEBHOOK_DELIVERY_IN_PROGRESS'
  | 'VALIDATION_ERROR';

const STATUS: Record<WebhookErrorCode, number> = {
  INVALID_WEBHOOK_URL: 400,
  UNKNOWN_WEBHOOK_EVENT: 400,
  WEBHOOK_LIMIT_REACHED: 409,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_IN_PROGRESS: 409,
  VALIDATION_ERROR: 400,
};

/** A typed, user-facing error of the webhook services (mapped to `{code, message}` by the API). */
export class WebhookError extends Error {
  readonly status: number;
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
    this.status = STATUS[code];
  }
}
