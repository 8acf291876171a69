import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for Resend's API, for tests: point the real SDK at it with
 * RESEND_BASE_URL=fake.url (before the Resend client is created).
 *
 * It speaks POST /emails and POST /emails/batch (strict or permissive validation, at most 100),
 * honours Idempotency-Key like Resend (a repeated key with the same body answers the first
 * response again and delivers nothing; with another body it is a 409), records every request
 * and every accepted email, and can be told to fail: 5xx, 429 with Retry-After, or hang.
 */

export interface FakeResendEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  /** The Idempotency-Key of the request that delivered it. */
  idempotencyKey: string | null;
  batch: boolean;
}

export interface FakeResendRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  batchValidation: string | null;
  body: unknown;
  /** The status answered (null while hanging). */
  status: number | null;
  /** Answered from the idempotency store: nothing was delivered. */
  replayed: boolean;
}

export type FakeResendFault =
  | { status: 500 | 502 | 503; message?: string }
  | { status: 429; retryAfterSeconds?: number; message?: string }
  /** Never answers: before accepting (nothing delivered) or after (delivered, the answer is lost). */
  | { hang: 'before-accepting' | 'after-accepting' };

export interface FakeResend {
  /** The base URL to give the SDK (RESEND_BASE_URL). */
  url: string;
  requests: FakeResendRequest[];
  /** Every accepted email, once (replays add nothing). */
  emails: FakeResendEmail[];
  deliveriesTo(address: string): FakeResendEmail[];
  /** Every request fails this way until recover(). */
  fail(fault: FakeResendFault): void;
  /** The next `count` requests fail this way (after any already queued), then it works again. */
  failNext(count: number, fault: FakeResendFault): void;
  recover(): void;
  /** Emails to these addresses are invalid: 422 alone, a per-email error in a permissive batch. */
  reject(addresses: string[], message?: string): void;
  /** Each answer waits this long (to make concurrent clients overlap). */
  setLatency(ms: number): void;
  /** Forgets requests, emails, idempotency keys, faults and rejections. */
  reset(): void;
  close(): Promise<void>;
}

interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const errorBody = (statusCode: number, name: string, message: string) => ({
  statusCode,
  name,
  message,
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeResend(options: { apiKey?: string } = {}): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  const emails: FakeResendEmail[] = [];
  const idempotency = new Map<string, StoredResponse>();
  const inFlight = new Set<string>();
  const rejected = new Map<string, string>();
  const sockets = new Set<Socket>();
  let persistentFault: FakeResendFault | null = null;
  let queuedFaults: FakeResendFault[] = [];
  let latencyMs = 0;

  const nextFault = () => queuedFaults.shift() ?? persistentFault;

  /** Why one email is invalid, or null. */
  const invalid = (email: Record<string, unknown>): string | null => {
    if (typeof email.from !== 'string' || !email.from) return 'The `from` field is missing.';
    const to = Array.isArray(email.to) ? email.to : [email.to];
    if (to.length === 0 || to.some((t) => typeof t !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(t))) {
      return 'Invalid `to` field. The email address needs to follow the `email@example.com` format.';
    }
    if (typeof email.subject !== 'string' || !email.subject)
      return 'The `subject` field is missing.';
    for (const address of to as string[]) {
      const reason = rejected.get(address.toLowerCase());
      if (reason) return reason;
    }
    return null;
  };

  const accept = (
    email: Record<string, unknown>,
    idempotencyKey: string | null,
    batch: boolean,
  ): string => {
    const id = randomUUID();
    emails.push({
      id,
      from: email.from as string,
      to: (Array.isArray(email.to) ? email.to : [email.to]) as string[],
      subject: email.subject as string,
      html: email.html as string | undefined,
      text: email.text as string | undefined,
      idempotencyKey,
      batch,
    });
    return id;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    const batchValidation = (req.headers['x-batch-validation'] as string | undefined) ?? null;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      /* answered below */
    }
    const record: FakeResendRequest = {
      method: req.method ?? 'GET',
      path,
      idempotencyKey,
      batchValidation,
      body,
      status: null,
      replayed: false,
    };
    requests.push(record);
    const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      json(res, status, payload, headers);
    };

    if (latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));

    const expected = `Bearer ${options.apiKey ?? ''}`;
    const authorization = req.headers.authorization ?? '';
    if (options.apiKey ? authorization !== expected : !/^Bearer re_\S+$/.test(authorization)) {
      return answer(401, errorBody(401, 'validation_error', 'API key is invalid'));
    }
    if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) {
      return answer(404, errorBody(404, 'not_found', 'The requested endpoint does not exist.'));
    }
    if (body === null)
      return answer(400, errorBody(400, 'invalid_request', 'The request body is not valid JSON.'));

    const fault = nextFault();
    if (fault && 'hang' in fault && fault.hang === 'before-accepting') return; // never answers
    if (fault && 'status' in fault) {
      const message =
        fault.message ??
        (fault.status === 429
          ? 'Too many requests. You can only make 2 requests per second.'
          : 'Internal server error.');
      const headers: Record<string, string> =
        fault.status === 429 && fault.retryAfterSeconds !== undefined
          ? { 'retry-after': String(fault.retryAfterSeconds) }
          : {};
      return answer(
        fault.status,
        errorBody(
          fault.status,
          fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error',
          message,
        ),
        headers,
      );
    }

    const storeKey = idempotencyKey ? `${path} ${idempotencyKey}` : null;
    const fingerprint = createHash('sha256').update(raw).digest('hex');
    if (storeKey) {
      const stored = idempotency.get(storeKey);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return answer(
            409,
            errorBody(
              409,
              'invalid_idempotent_request',
              'Same idempotency key used with a different request payload.',
            ),
          );
        }
        record.replayed = true;
        return answer(stored.status, stored.body);
      }
      if (inFlight.has(storeKey)) {
        return answer(
          409,
          errorBody(
            409,
            'concurrent_idempotent_requests',
            'Same idempotency key used while original request is still in progress.',
          ),
        );
      }
      inFlight.add(storeKey);
    }

    let status: number;
    let payload: unknown;
    if (path === '/emails') {
      const reason = invalid(body as Record<string, unknown>);
      if (reason) [status, payload] = [422, errorBody(422, 'validation_error', reason)];
      else
        [status, payload] = [
          200,
          { id: accept(body as Record<string, unknown>, idempotencyKey, false) },
        ];
    } else if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
      [status, payload] = [
        422,
        errorBody(422, 'validation_error', 'A batch holds between 1 and 100 emails.'),
      ];
    } else {
      const reasons = body.map((email) => invalid(email as Record<string, unknown>));
      const permissive = batchValidation === 'permissive';
      if (!permissive && reasons.some(Boolean)) {
        [status, payload] = [422, errorBody(422, 'validation_error', reasons.find(Boolean)!)];
      } else {
        const data: Array<{ id: string }> = [];
        const errors: Array<{ index: number; message: string }> = [];
        body.forEach((email, index) => {
          const reason = reasons[index];
          if (reason) errors.push({ index, message: reason });
          else data.push({ id: accept(email as Record<string, unknown>, idempotencyKey, true) });
        });
        [status, payload] = [200, permissive ? { data, errors } : { data }];
      }
    }
    if (storeKey) {
      inFlight.delete(storeKey);
      // Like Resend, only a request that was processed keeps its key.
      if (status < 300) idempotency.set(storeKey, { fingerprint, status, body: payload });
    }
    if (fault && 'hang' in fault) return; // after-accepting: delivered, but the answer never comes
    answer(status, payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) json(res, 500, errorBody(500, 'internal_server_error', String(error)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    emails,
    deliveriesTo: (address) =>
      emails.filter((e) => e.to.some((t) => t.toLowerCase() === address.toLowerCase())),
    fail(fault) {
      persistentFault = fault;
    },
    failNext(count, fault) {
      queuedFaults.push(...Array.from({ length: count }, () => fault));
    },
    recover() {
      persistentFault = null;
      queuedFaults = [];
    },
    reject(addresses, message = 'The recipient address was rejected.') {
      for (const address of addresses) rejected.set(address.toLowerCase(), message);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    reset() {
      requests.length = 0;
      emails.length = 0;
      idempotency.clear();
      inFlight.clear();
      rejected.clear();
      persistentFault = null;
      queuedFaults = [];
      latencyMs = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
