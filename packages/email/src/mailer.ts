import { emailEnv } from './env';
import { mailboxTransport } from './transports/mailbox';
import { resendTransport } from './transports/resend';
import { randomUUID } from 'node:crypto';
import type { EmailMessage, EmailTransport, SentEmail } from './types';

export interface Mailer {
  readonly transport: EmailTransport['name'];
  send(message: EmailMessage): Promise<SentEmail>;
}

export function createMailer(transport: EmailTransport, from: string): Mailer {
  return {
    transport: transport.name,
    send: (message) =>
      transport.send({ ...message, from: message.from ?? from, idempotencyKey: randomUUID() }),
  };
}

let transport: EmailTransport | undefined;

/** The transport chosen by EMAIL_TRANSPORT / RESEND_API_KEY. */
export function getTransport(): EmailTransport {
  if (!transport) {
    const env = emailEnv();
    transport =
      env.transport === 'resend'
        ? resendTransport(env.resendApiKey ?? '', { timeoutMs: env.resendTimeoutMs })
        : mailboxTransport;
  }
  return transport;
}

let current: Mailer | undefined;

/**
 * Sends immediately, bypassing the outbox. Application code enqueues instead
 * (`enqueueEmail`), so that nothing is lost when the provider is down.
 */
export function getMailer(): Mailer {
  current ??= createMailer(getTransport(), emailEnv().from);
  return current;
}
