import { emailEnv } from './env';
import { mailboxTransport } from './transports/mailbox';
import { resendTransport } from './transports/resend';
import type { EmailMessage, EmailTransport, SentEmail } from './types';

export interface Mailer {
  readonly transport: EmailTransport['name'];
  send(message: EmailMessage): Promise<SentEmail>;
}

export function createMailer(transport: EmailTransport, from: string): Mailer {
  return {
    transport: transport.name,
    send: (message) => transport.send({ ...message, from: message.from ?? from }),
  };
}

function mailerFromEnv(): Mailer {
  const env = emailEnv();
  const transport =
    env.transport === 'resend' ? resendTransport(env.resendApiKey ?? '') : mailboxTransport;
  return createMailer(transport, env.from);
}

let current: Mailer | undefined;

/** The application's mailer, configured from EMAIL_TRANSPORT / RESEND_API_KEY / EMAIL_FROM. */
export function getMailer(): Mailer {
  current ??= mailerFromEnv();
  return current;
}
