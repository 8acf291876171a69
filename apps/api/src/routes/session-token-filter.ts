/**
 * better-auth endpoints whose JSON answer carries a session token. The token lives in an
 * HttpOnly cookie; a copy in the body would hand the credential to any script on the page.
 */
export const SESSION_TOKEN_PATHS: ReadonlySet<string> = new Set([
  '/api/auth/get-session',
  '/api/auth/list-sessions',
  '/api/auth/sign-in/email',
  '/api/auth/sign-in/social',
  '/api/auth/sign-up/email',
  '/api/auth/change-password',
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `token` at the top, in `session`, and in each session of a list. */
export function removeSessionTokens(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(removeSessionTokens);
  if (!isObject(body)) return body;
  const { token: _token, ...rest } = body;
  if (isObject(rest.session)) {
    const { token: _sessionToken, ...session } = rest.session;
    rest.session = session;
  }
  return rest;
}

/** The same response without session tokens in its JSON body (other responses pass through). */
export async function withoutSessionTokens(response: Response): Promise<Response> {
  if (!response.headers.get('content-type')?.includes('application/json')) return response;
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  if (body === undefined) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(removeSessionTokens(body)), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
