import { createMiddleware } from 'hono/factory';
import { errorBody } from '../errors';
import { mayHaveBody } from './body-presence';

/**
 * PostgreSQL cannot store U+0000 in text or jsonb: a NUL that reaches a query fails it with a
 * driver error. Refusing it here, once for every route under /api (better-auth's and the dev
 * mailbox included), answers a clear 400 before anything runs.
 */
export const INVALID_CHARACTERS = {
  code: 'INVALID_CHARACTERS',
  message: 'The request contains a NUL character (U+0000), which is not allowed.',
  remediation: 'Remove the NUL character from the path, query string or body and try again.',
} as const;

// A percent-encoded NUL in the path or query string (a URL cannot carry a raw one).
const ENCODED_NUL = /%00/;
// A \u0000 escape inside a JSON string: the backslash before `u` must not itself be escaped.
const JSON_ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/** True when the raw body carries a NUL in any of the encodings the API's parsers decode. */
export function bodyHasNul(text: string, contentType: string): boolean {
  if (text.includes('\u0000')) return true;
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return ENCODED_NUL.test(text);
  // CSV cells are taken literally; every other body may be parsed as JSON.
  if (/^text\/csv/i.test(contentType)) return false;
  return JSON_ESCAPED_NUL.test(text);
}

export function urlHasNul(url: string): boolean {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return ENCODED_NUL.test(start === -1 ? '' : url.slice(start));
}

export const rejectNulCharacters = createMiddleware(async (c, next) => {
  const request = c.req.raw;
  let refused = urlHasNul(request.url);
  if (!refused && mayHaveBody(c) && request.body) {
    // better-auth reads the raw request: its routes get a clone read here. Every other route
    // reads its body through c.req, which keeps the text read here for it.
    const text = /^\/+api\/+auth(?:\/|$)/i.test(c.req.path)
      ? await request.clone().text()
      : await c.req.text();
    refused = bodyHasNul(text, request.headers.get('content-type') ?? '');
  }
  if (refused)
    return c.json(
      errorBody(INVALID_CHARACTERS.code, INVALID_CHARACTERS.message, {
        remediation: INVALID_CHARACTERS.remediation,
      }),
      400,
    );
  await next();
});
