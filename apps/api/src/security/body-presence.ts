import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * False only when the request certainly has no body: an HTTP/1.x request the Node server
 * received with neither Content-Length (or `Content-Length: 0`) nor Transfer-Encoding, whose
 * body is empty by definition (RFC 9112, section 6.3). Anything else (a request built in
 * process, HTTP/2) answers true, and the caller looks at the body itself.
 *
 * It spares the checks below `c.req.raw.body` on a GET: reading it makes the Node adapter turn
 * its lightweight request into a full `Request` (headers copied, an AbortSignal), measurable
 * on every read request.
 */
export function mayHaveBody(c: Context): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.httpVersionMajor !== 1) return true;
  const { headers } = incoming;
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}
