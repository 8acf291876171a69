import type { Auth } from '@kit/auth';
import { Hono } from 'hono';
import { codeForStatus, errorBody } from '../errors';
import { limitAuthRequest } from '../security/rate-limiting';
import { SESSION_TOKEN_PATHS, withoutSessionTokens } from './session-token-filter';

/**
 * The session endpoint always reads the database: what the app shows (signed in, active
 * organization, name) is never the cookie cache's copy. The cache serves the API's other routes.
 */
function authoritative(request: Request): Request {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.pathname !== '/api/auth/get-session') return request;
  url.searchParams.set('disableCookieCache', 'true');
  return new Request(url, request);
}

/**
 * better-auth's handler, with its error responses reshaped into the kit's
 * `{"error":{"code","message"}}` so that every client sees one error format.
 */
export const authRoutes = (auth: Auth) =>
  new Hono().on(['GET', 'POST'], '/*', async (c) => {
    // better-auth's own organization endpoints would bypass the kit's policies, seat limits and
    // activity log; the kit's /api/organizations and /api/invitations replace them.
    if (c.req.path.startsWith('/api/auth/organization/')) {
      return c.json(
        errorBody(
          'NOT_FOUND',
          'Organization endpoints live under /api/organizations and /api/invitations.',
        ),
        404,
      );
    }
    await limitAuthRequest(c);
    const response = await auth.handler(authoritative(c.req.raw));
    if (response.status < 400)
      return SESSION_TOKEN_PATHS.has(c.req.path) ? withoutSessionTokens(response) : response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as {
      code?: string;
      message?: string;
    } | null;
    const code = body?.code || codeForStatus(response.status);
    const message = body?.message || (response.status === 404 ? 'Not found' : 'Request failed');
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    return new Response(JSON.stringify(errorBody(code, message)), {
      status: response.status,
      headers,
    });
  });
