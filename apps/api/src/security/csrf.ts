import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import { checkOrigin } from './origins';

export const CSRF_ORIGIN_REJECTED = 'CSRF_ORIGIN_REJECTED';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every state-changing request whose origin is not trusted (see `checkOrigin`), with
 * 403 CSRF_ORIGIN_REJECTED, before any route reads the body or the session.
 *
 * Hono's `csrf()` does not fit: it checks only form-like content types (a JSON request passes
 * unchecked), reads no Referer, lets a matching Sec-Fetch-Site stand in for the origin, and
 * answers with a bare text 403 instead of the API's error shape.
 */
export function csrfProtection(options: { trustedOrigins: readonly string[] }) {
  return createMiddleware(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (isApiKeyRequest(c.req.raw.headers, c.req.path)) return next();
    const refusal = checkOrigin(c.req.raw.headers, options.trustedOrigins);
    if (refusal) {
      const { message, ...details } = refusal;
      throw new AppError(403, CSRF_ORIGIN_REJECTED, message, {
        remediation:
          'Send the request from the app itself. To allow another origin of your own, add it to TRUSTED_ORIGINS.',
        details,
      });
    }
    await next();
  });
}

/**
 * A request authenticated by an organization API key alone: an `Authorization: Bearer` header,
 * no cookie, outside better-auth's routes (which read cookies, never the header). A browser
 * never adds that header to a cross-site request on its own (a page's script cannot without a
 * CORS preflight the API does not grant), and with no cookie there is no session to ride on, so
 * there is nothing to forge. Content type and body limits still apply.
 */
export function isApiKeyRequest(headers: Headers, path: string): boolean {
  return (
    /^Bearer\s/i.test(headers.get('authorization') ?? '') &&
    !headers.has('cookie') &&
    !/^\/api\/auth(\/|$)/i.test(path)
  );
}
