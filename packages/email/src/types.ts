export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

export interface EmailMessage extends EmailContent {
  to: string;
  /** Defaults to EMAIL_FROM. */
  from?: string;
}

export interface SentEmail {
  /** The transport's id for the message (mailbox row id, Resend email id). */
  id: string;
}

export interface OutgoingEmail extends Required<EmailMessage> {
  /** Stable per message: a provider that sees it twice delivers once. */
  idempotencyKey: string;
}

/** Where messages go: the development mailbox or an email provider. */
export interface EmailTransport {
  readonly name: 'mailbox' | 'resend';
  send(message: OutgoingEmail): Promise<SentEmail>;
  /**
   * Sends up to `maxBatchSize` messages in one request under one idempotency key (a provider
   * that sees the same key and messages again delivers nothing twice). Resolves with each
   * message's own outcome, in order: its id, or the error that concerns that message alone.
   * Throws an EmailDeliveryError when the request as a whole failed.
   */
  sendBatch?(
    messages: OutgoingEmail[],
    options: { idempotencyKey: string },
  ): Promise<Array<SentEmail | EmailDeliveryError>>;
  readonly maxBatchSize?: number;
}

export class EmailDeliveryError extends Error {
  readonly retryable: boolean;
  /** From the provider's Retry-After, when it gave one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    readonly transport: string,
    options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'EmailDeliveryError';
    this.retryable = options.retryable ?? true;
    this.retryAfterMs = options.retryAfterMs;
  }
}
