import { db } from '@kit/database';
import { authenticateApiKey, type Actor, type ApiKeyScope } from '@kit/organization';
import { enforceRateLimits } from '@kit/rate-limit';
import type { Context } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { AppError } from './errors';
import { rateLimitsOf } from './security/rate-limiting';

/**
 * The routes an organization API key may call, and the scope each needs. Everything else
 * (account, /me, joining, invitee links, organization settings, ownership, leaving, deleting,
 * managing keys) answers 403 API_KEY_NOT_ALLOWED to a key, whatever its scopes: a route added
 * to the app is closed to keys until it is listed here.
 */
export const API_KEY_ROUTES: ReadonlyArray<readonly [string, string, ApiKeyScope]> = [
  ['GET', '/api/organizations/:orgId', 'members:read'],
  ['GET', '/api/organizations/:orgId/seats', 'members:read'],
  ['GET', '/api/organizations/:orgId/members', 'members:read'],
  ['PATCH', '/api/organizations/:orgId/members/:memberId', 'members:write'],
  ['PATCH', '/api/organizations/:orgId/members/:memberId/metadata', 'members:write'],
  ['DELETE', '/api/organizations/:orgId/members/:memberId', 'members:write'],
  ['GET', '/api/organizations/:orgId/invitations', 'invitations:read'],
  ['GET', '/api/organizations/:orgId/invitations/permission', 'invitations:read'],
  ['POST', '/api/organizations/:orgId/invitations', 'invitations:write'],
  ['POST', '/api/organizations/:orgId/invitations/bulk', 'invitations:write'],
  ['POST', '/api/organizations/:orgId/invitations/batch', 'invitations:write'],
  ['POST', '/api/organizations/:orgId/invitations/:invitationId/resend', 'invitations:write'],
  ['POST', '/api/organizations/:orgId/invitations/:invitationId/renew', 'invitations:write'],
  ['DELETE', '/api/organizations/:orgId/invitations/:invitationId', 'invitations:write'],
];

const routes = new TrieRouter<ApiKeyScope>();
for (const [method, path, scope] of API_KEY_ROUTES) routes.add(method, path, scope);

const BEARER_SCHEME = /^Bearer(\s|$)/i;
const BEARER = /^Bearer\s+(\S+)\s*$/i;
const ORGANIZATION_PATH = /^\/api\/organizations\/([^/]+)/;

/**
 * The token of an `Authorization: Bearer …` header ('' when malformed), or undefined without
 * one. Other schemes (a proxy's Basic auth in front of a staging site) are not the API's: the
 * session cookie decides for them.
 */
export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header || !BEARER_SCHEME.test(header)) return undefined;
  return BEARER.exec(header)?.[1] ?? '';
}

const decoded = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/**
 * The actor of a request made with an API key, after every check a key passes: a valid key
 * (401 INVALID_API_KEY), its request budget (429), its organization (any other answers 404 as
 * for non-members), a route open to keys (403 API_KEY_NOT_ALLOWED) and the route's scope (403
 * INSUFFICIENT_SCOPE). The services then check the creator's membership and role, the policies
 * and the seats as for anyone.
 */
export async function apiKeyActor(c: Context, secret: string): Promise<Actor> {
  const actor = await authenticateApiKey(secret);
  const key = actor.apiKey!;
  await enforceRateLimits(db, [
    {
      key: `api-key:${key.id}`,
      rule: rateLimitsOf(c).apiKeyRequests,
      reason: 'Too many requests with this API key',
    },
  ]);
  const path = c.req.path;
  const organization = ORGANIZATION_PATH.exec(path)?.[1];
  if (organization !== undefined && decoded(organization) !== key.organizationId)
    throw new AppError(404, 'ORGANIZATION_NOT_FOUND', 'Organization not found.');
  const [matches] = routes.match(c.req.method === 'HEAD' ? 'GET' : c.req.method, path);
  const scope = matches[0]?.[0];
  if (!scope)
    throw new AppError(
      403,
      'API_KEY_NOT_ALLOWED',
      'API keys cannot be used for this; sign in to the app instead.',
    );
  if (!key.scopes.includes(scope))
    throw new AppError(403, 'INSUFFICIENT_SCOPE', `This API key needs the ${scope} scope.`, {
      remediation: 'Create a key with that scope in the organization’s API keys settings.',
      details: { requiredScope: scope },
    });
  return actor;
}
