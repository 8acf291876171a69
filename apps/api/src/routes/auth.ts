import type { Auth } from '@kit/auth';
import { OpenAPIHono } from '@hono/zod-openapi';
import { codeForStatus, errorBody } from '../errors';
import { limitAuthRequest } from '../security/rate-limiting';
import type { SessionMemo } from '../session-memo';
import { SESSION_TOKEN_PATHS, withoutSessionTokens } from './session-token-filter';

/**
 * better-auth's handler, with its error responses reshaped into the kit's
 * `{"error":{"code","message"}}` so that every client sees one error format.
 *
 * One pass-through route (GET and POST); the OpenAPI document lists better-auth's endpoints one
 * by one, as better-auth's open-api plugin describes them (openapi/auth-paths.ts), without the
 * organization endpoints refused below. The plugin itself is not installed, so its own routes
 * (its schema and its reference page) do not exist: the reference is /api/docs.
 */
export const authRoutes = (auth: Auth, sessions?: SessionMemo) =>
  new OpenAPIHono().on(['GET', 'POST'], '/*', async (c) => {
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
    const response = await auth.handler(c.req.raw);
    // Sign-out, revocations, password and email changes, account deletion: sessions may be gone.
    if (c.req.method === 'POST' && response.status < 400) sessions?.forgetAll();
    if (response.status < 400)
      return SESSION_TOKEN_PATHS.has(c.req.path) ? withoutSessionTokens(response) : response;
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as {
      code?: string;
      message?: string;
      remediation?: unknown;
      details?: unknown;
    } | null;
    const code = body?.code || codeForStatus(response.status);
    const message = body?.message || (response.status === 404 ? 'Not found' : 'Request failed');
    // The kit's own refusals raised inside better-auth (e.g. LAST_OWNER) keep their specifics.
    const extra = {
      ...(typeof body?.remediation === 'string' ? { remediation: body.remediation } : {}),
      ...(body?.details !== undefined ? { details: body.details } : {}),
    };
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    return new Response(JSON.stringify(errorBody(code, message, extra)), {
      status: response.status,
      headers,
    });
  });
