import type { Auth } from '@kit/auth';
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { codeForStatus, errorBody } from '../errors';
import { errorBodySchema } from '../openapi/route';
import { limitAuthRequest } from '../security/rate-limiting';
import type { SessionMemo } from '../session-memo';
import { SESSION_TOKEN_PATHS, withoutSessionTokens } from './session-token-filter';

/**
 * better-auth's handler, with its error responses reshaped into the kit's
 * `{"error":{"code","message"}}` so that every client sees one error format.
 */
export const authRoutes = (auth: Auth, sessions?: SessionMemo) =>
  documentPassThrough(new OpenAPIHono()).on(['GET', 'POST'], '/*', async (c) => {
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

/**
 * better-auth's endpoints are one pass-through route here; the document lists them as one
 * group (`/api/auth/{path}`, GET and POST) pointing at better-auth's reference, since their
 * shapes are better-auth's (and change with its plugins), not the kit's.
 */
function documentPassThrough(app: OpenAPIHono) {
  for (const method of ['get', 'post'] as const) {
    app.openAPIRegistry.registerPath({
      method,
      path: '/{path}',
      tags: ['Auth (better-auth)'],
      summary: `better-auth endpoints (${method.toUpperCase()})`,
      description:
        'Sign-up, sign-in, sessions, email verification, password reset, account changes: ' +
        "better-auth's endpoints, passed through (e.g. POST /api/auth/sign-in/email, GET " +
        "/api/auth/get-session). See better-auth's API reference for each endpoint's body. " +
        "Errors use this API's error body; /api/auth/organization/* answers 404 NOT_FOUND " +
        '(organizations live under /api/organizations).',
      request: { params: z.object({ path: z.string().openapi({ example: 'get-session' }) }) },
      responses: {
        200: { description: "better-auth's answer" },
        400: errorResponse("Refused input (better-auth's codes)", []),
        401: errorResponse("Not signed in (better-auth's codes)", []),
        404: errorResponse('Unknown endpoint', ['NOT_FOUND']),
        429: errorResponse('Too many attempts', ['RATE_LIMITED']),
      },
      'x-pass-through': 'better-auth',
      'x-error-codes': { NOT_FOUND: 404, RATE_LIMITED: 429 },
    });
  }
  return app;
}

const errorResponse = (description: string, codes: string[]) => ({
  description,
  content: { 'application/json': { schema: errorBodySchema } },
  'x-error-codes': codes,
});
