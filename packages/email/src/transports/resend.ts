import type { ErrorResponse, Resend } from 'resend';
import { EmailDeliveryError, type EmailTransport, type OutgoingEmail } from '../types';

export interface ResendTransportOptions {
  /**
   * Longest wait for Resend's answer. The SDK itself never gives up on a request, so a hung
   * connection would hold the worker (and its lease) forever; past this it is a retryable error.
   */
  timeoutMs?: number;
  /** Defaults to RESEND_BASE_URL, then Resend's API (tests point it at a local server). */
  baseUrl?: string;
}

/** Resend's limit for POST /emails/batch. */
export const RESEND_BATCH_LIMIT = 100;

const payload = (message: OutgoingEmail) => ({
  from: message.from,
  to: message.to,
  subject: message.subject,
  html: message.html,
  text: message.text,
});

/** Delivery through Resend's API, one message per request or up to 100 per batch request. */
export function resendTransport(
  apiKey: string,
  options: ResendTransportOptions = {},
): EmailTransport {
  // The SDK is loaded with the first email, not when the server starts.
  let sdk: Promise<Resend> | undefined;
  const resend = () =>
    (sdk ??= import('resend').then(
      ({ Resend }) =>
        new Resend(apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined),
    ));
  const timeoutMs = options.timeoutMs ?? 15_000;

  return {
    name: 'resend',
    maxBatchSize: RESEND_BATCH_LIMIT,

    async send(message) {
      const client = await resend();
      const signal = AbortSignal.timeout(timeoutMs);
      const { data, error, headers } = await client.emails.send(payload(message), {
        idempotencyKey: message.idempotencyKey,
        signal,
      });
      if (error || !data) throw deliveryError(error, headers, signal, timeoutMs);
      return { id: data.id };
    },

    async sendBatch(messages, { idempotencyKey }) {
      if (messages.length > RESEND_BATCH_LIMIT)
        throw new Error(`Resend takes at most ${RESEND_BATCH_LIMIT} emails per batch`);
      const client = await resend();
      const signal = AbortSignal.timeout(timeoutMs);
      // Permissive: an invalid message is reported alone instead of failing the other 99.
      const { data, error, headers } = await client.batch.send(messages.map(payload), {
        idempotencyKey,
        batchValidation: 'permissive',
        signal,
      });
      if (error || !data) throw deliveryError(error, headers, signal, timeoutMs);
      const rejected = new Map((data.errors ?? []).map((e) => [e.index, e.message]));
      // `data` holds the ids of the accepted emails, in the order they were sent.
      const ids = data.data.map((d) => d.id);
      let next = 0;
      return messages.map((_, index) => {
        const reason = rejected.get(index);
        if (reason !== undefined) {
          return new EmailDeliveryError(`Resend: ${reason}`, 'resend', { retryable: false });
        }
        const id = ids[next++];
        return id
          ? { id }
          : new EmailDeliveryError('Resend: no id returned for this email', 'resend');
      });
    },
  };
}

function deliveryError(
  error: ErrorResponse | null,
  headers: Record<string, string> | null,
  signal: AbortSignal,
  timeoutMs: number,
): EmailDeliveryError {
  if (signal.aborted) {
    return new EmailDeliveryError(
      `Resend: no answer within ${timeoutMs / 1000} s (timed out)`,
      'resend',
      { cause: error },
    );
  }
  const status = error?.statusCode ?? null;
  const message = error?.message ?? 'no message id returned';
  return new EmailDeliveryError(`Resend${status ? ` ${status}` : ''}: ${message}`, 'resend', {
    cause: error,
    // 4xx other than 408/409/429 are the message's (or the API key's) fault: retrying will not help.
    retryable: status === null || status >= 500 || [408, 409, 429].includes(status),
    retryAfterMs: retryAfterMs(headers?.['retry-after']),
  });
}

function retryAfterMs(value: string | undefined | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
