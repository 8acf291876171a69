import { Resend } from 'resend';
import { EmailDeliveryError, type EmailTransport } from '../types';

/** Delivery through Resend's API (the SDK honours RESEND_BASE_URL, which tests point at a local server). */
export function resendTransport(apiKey: string): EmailTransport {
  const client = new Resend(apiKey);
  return {
    name: 'resend',
    async send(message) {
      const { data, error } = await client.emails.send({
        from: message.from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
      });
      if (error || !data) {
        throw new EmailDeliveryError(error?.message ?? 'Resend returned no message id', 'resend', {
          cause: error,
        });
      }
      return { id: data.id };
    },
  };
}
