/* eslint-disable @typescript-eslint/no-explicit-any -- reshapes better-auth's JSON document */
import { authOpenApi, type Auth } from '@kit/auth';
import { SESSION_TOKEN_PATHS } from '../routes/session-token-filter';

/** Where better-auth is mounted, and the methods the mount passes through (routes/auth.ts). */
export const AUTH_MOUNT = '/api/auth';
export const AUTH_METHODS = ['get', 'post'] as const;

/** better-auth's organization endpoints answer 404 here (routes/auth.ts): not documented. */
export const isRefusedAuthPath = (path: string) =>
  path === '/organization' || path.startsWith('/organization/');

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const SCHEMA_PREFIX = 'Auth';

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': "Refused input: better-auth's codes (e.g. VALIDATION_ERROR, INVALID_EMAIL_OR_PASSWORD)",
  '401': "Not signed in, or wrong credentials: better-auth's codes",
  '403': "Not allowed: better-auth's codes (e.g. EMAIL_NOT_VERIFIED) or the kit's",
  '404': 'Not found',
  '422': "Refused input: better-auth's codes (e.g. USER_ALREADY_EXISTS)",
  '429': 'Too many attempts',
  '500': 'Internal error',
};

/** `#/components/schemas/User` → `#/components/schemas/AuthUser`, and 3.0's `nullable`. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === '$ref' && typeof entry === 'string')
      out[key] = entry.replace('#/components/schemas/', `#/components/schemas/${SCHEMA_PREFIX}`);
    else if (key !== 'nullable') out[key] = normalize(entry);
  }
  const { nullable } = value as { nullable?: unknown };
  if (nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null'))
      out.type = [...out.type, 'null'];
  }
  return out;
}

/** The copy of `token` the API strips from these bodies (routes/session-token-filter.ts). */
function withoutToken(schema: any): any {
  if (!schema || typeof schema !== 'object') return schema;
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array')))
    return { ...schema, items: withoutToken(schema.items) };
  if (!schema.properties) return schema;
  const { token: _token, ...properties } = schema.properties as Record<string, unknown>;
  const required = (schema.required as string[] | undefined)?.filter((name) => name !== 'token');
  return {
    ...schema,
    properties: {
      ...properties,
      ...(properties.session ? { session: withoutToken(properties.session) } : {}),
    },
    ...(required ? { required } : {}),
  };
}

function refsIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((entry) => refsIn(entry, found));
  else if (value && typeof value === 'object')
    for (const [key, entry] of Object.entries(value)) {
      if (key === '$ref' && typeof entry === 'string')
        found.add(entry.replace('#/components/schemas/', ''));
      else refsIn(entry, found);
    }
  return found;
}

export interface AuthDocumentPart {
  paths: Record<string, Record<string, any>>;
  schemas: Record<string, unknown>;
}

/**
 * better-auth's endpoints as this API serves them, one operation each: better-auth's own
 * document (its open-api plugin, so plugins a fork adds are listed too) under /api/auth,
 * without the organization endpoints the mount refuses, with the kit's error body, without
 * the session token the API strips from bodies, tagged "Auth". Its schemas join the document's
 * components with an `Auth` prefix (AuthUser, AuthSession…).
 */
export async function authDocumentPart(auth: Auth): Promise<AuthDocumentPart> {
  const generated = await authOpenApi(auth);
  const paths: AuthDocumentPart['paths'] = {};
  for (const [path, item] of Object.entries(generated.paths)) {
    if (isRefusedAuthPath(path)) continue;
    const fullPath = `${AUTH_MOUNT}${path}`;
    for (const method of AUTH_METHODS) {
      const source = item[method] as any;
      if (!source) continue;
      const { security: _security, tags: _tags, operationId, responses, ...rest } = source;
      const signedIn = generated.signedIn.has(`${method.toUpperCase()} ${path}`);
      const takesInput = Boolean(rest.requestBody) || (rest.parameters?.length ?? 0) > 0;
      // The codes the kit knows for sure; better-auth's others are in `auth.$ERROR_CODES`.
      const knownCodes: Record<string, string[]> = {
        '400': takesInput ? ['VALIDATION_ERROR'] : [],
        '401': signedIn ? ['UNAUTHORIZED'] : [],
        '404': ['NOT_FOUND'],
        '429': ['RATE_LIMITED'],
      };
      const errorCodes: Record<string, number> = {};
      const shaped: Record<string, unknown> = {};
      for (const [status, response] of Object.entries(
        normalize(responses) as Record<string, any>,
      )) {
        if (Number(status) < 400) {
          const schema = response.content?.['application/json']?.schema;
          shaped[status] =
            schema && SESSION_TOKEN_PATHS.has(fullPath)
              ? { ...response, content: { 'application/json': { schema: withoutToken(schema) } } }
              : response;
          continue;
        }
        const codes = knownCodes[status] ?? [];
        for (const code of codes) errorCodes[code] = Number(status);
        shaped[status] = {
          description: ERROR_DESCRIPTIONS[status] ?? response.description ?? 'Error',
          content: { 'application/json': { schema: ERROR_REF } },
          'x-error-codes': codes,
        };
      }
      paths[fullPath] = {
        ...paths[fullPath],
        [method]: {
          ...(normalize(rest) as object),
          tags: ['Auth'],
          ...(operationId
            ? { operationId: `auth${operationId[0].toUpperCase()}${operationId.slice(1)}` }
            : {}),
          ...(signedIn ? { security: [{ session: [] }] } : {}),
          responses: shaped,
          'x-pass-through': 'better-auth',
          'x-error-codes': errorCodes,
        },
      };
    }
  }
  // Only the schemas these operations use (not the organization tables), followed through refs.
  const schemas: Record<string, unknown> = {};
  const pending = [...refsIn(paths, new Set())];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (schemas[name] || !name.startsWith(SCHEMA_PREFIX)) continue;
    const source = generated.components.schemas[name.slice(SCHEMA_PREFIX.length)];
    if (!source) continue;
    let schema = normalize(source) as any;
    // The session token lives in its HttpOnly cookie; bodies the API filters have none.
    if (name === `${SCHEMA_PREFIX}Session` && schema.properties?.token)
      schema = {
        ...schema,
        properties: {
          ...schema.properties,
          token: {
            ...schema.properties.token,
            description:
              'Not in the bodies the API filters (get-session, list-sessions, sign-in, sign-up, ' +
              'change-password): the HttpOnly session cookie holds it.',
          },
        },
        required: schema.required?.filter((n: string) => n !== 'token'),
      };
    schemas[name] = schema;
    pending.push(...refsIn(schema, new Set()));
  }
  return { paths, schemas };
}
