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

/** Where messages go: the development mailbox or an email provider. */
export interface EmailTransport {
  readonly name: 'mailbox' | 'resend';
  send(message: Required<EmailMessage>): Promise<SentEmail>;
}

export class EmailDeliveryError extends Error {
  constructor(
    message: string,
    readonly transport: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmailDeliveryError';
  }
}
