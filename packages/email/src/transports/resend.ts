import { Resend } from 'resend';
import { EmailDeliveryError, type EmailTransport } from '../types';

/** Delivery through Resend's API (the SDK honours RESEND_BASE_URL, which tests point at a local server). */
export function resendTransport(apiKey: string): EmailTransport {
  const client = new Resend(apiKey);
  return {
    name: 'resend',
    async send(message) {
      const { data, error, headers } = await client.emails.send(
        { from: message.from, to: message.to, subject: message.subject, html: message.html, text: message.text },
        { idempotencyKey: message.idempotencyKey },
      );
      if (error || !data) {
        const status = error?.statusCode ?? null;
        throw new EmailDeliveryError(`Resend: ${error?.message ?? 'no message id returned'}`, 'resend', {
          cause: error,
          // 4xx other than 408/409/429 are the message's fault: retrying will not help.
          retryable: status === null || status >= 500 || [408, 409, 429].includes(status),
          retryAfterMs: retryAfterMs(headers?.['retry-after']),
        });
      }
      return { id: data.id };
    },
  };
}

function retryAfterMs(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
