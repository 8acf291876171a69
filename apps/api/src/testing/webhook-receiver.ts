/* eslint-disable @typescript-eslint/no-explicit-any -- tests read event data field by field */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The verified payload (Webhook.verify passed). */
  event: { id: string; type: string; createdAt: string; organizationId: string; data: any };
  /** A webhook-id this receiver had already processed. */
  duplicate: boolean;
}

/**
 * A receiver as a customer would write one: verifies each request with standardwebhooks'
 * Webhook.verify (signature and timestamp), de-duplicates by webhook-id, answers `status`.
 */
export async function startWebhookReceiver() {
  let secret = '';
  const received: ReceivedWebhook[] = [];
  const rejected: Array<{ path: string; reason: string }> = [];
  const processed = new Set<string>();
  const state = { status: 200, redirectTo: '' };
  let server: Server | undefined;
  let port = 0;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      if (state.redirectTo && path === '/hook') {
        res.writeHead(302, { location: state.redirectTo }).end();
        return;
      }
      if (path !== '/hook') {
        rejected.push({ path, reason: 'unexpected path' });
        res.writeHead(404).end();
        return;
      }
      try {
        const event = new Webhook(secret).verify(body, {
          'webhook-id': String(req.headers['webhook-id']),
          'webhook-timestamp': String(req.headers['webhook-timestamp']),
          'webhook-signature': String(req.headers['webhook-signature']),
        }) as ReceivedWebhook['event'];
        const duplicate = processed.has(event.id);
        if (state.status >= 200 && state.status < 300) processed.add(event.id);
        received.push({ path, headers: req.headers, body, event, duplicate });
        res
          .writeHead(state.status, { 'content-type': 'text/plain' })
          .end(state.status < 300 ? 'ok' : 'receiver is failing');
      } catch (error) {
        rejected.push({ path, reason: (error as Error).message });
        res.writeHead(400).end('bad signature');
      }
    });
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer(handler);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}/hook`;
    },
    get port() {
      return port;
    },
    received,
    rejected,
    /** Events processed once (duplicates skipped), in order. */
    processed: () => received.filter((r) => !r.duplicate && r.event).map((r) => r.event),
    useSecret(value: string) {
      secret = value;
    },
    respondWith(status: number) {
      state.status = status;
    },
    redirectTo(url: string) {
      state.redirectTo = url;
    },
    /** Stops listening (connections refused) until `start()`. */
    stop: () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
    start: listen,
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
