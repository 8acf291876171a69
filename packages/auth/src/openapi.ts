import {
  freshSessionMiddleware,
  requestOnlySessionMiddleware,
  sensitiveSessionMiddleware,
  sessionMiddleware,
} from 'better-auth/api';
import type { Auth } from './auth';

const SESSION_MIDDLEWARE: ReadonlySet<unknown> = new Set([
  sessionMiddleware,
  freshSessionMiddleware,
  sensitiveSessionMiddleware,
  requestOnlySessionMiddleware,
]);

/** The part of better-auth's OpenAPI document the API reshapes (paths relative to /api/auth). */
export interface AuthOpenApi {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
  /** `GET /list-sessions`-style keys (OpenAPI path form) of the endpoints that refuse a caller without a session. */
  signedIn: ReadonlySet<string>;
}

type SchemaEndpoint = (input: { context: unknown }) => Promise<unknown>;

/**
 * better-auth's own description of the endpoints this instance serves, plus which of them need a
 * session. The description comes from better-auth's open-api plugin, which reads the enabled
 * endpoints and plugins; the plugin is not installed on the instance (it would serve a schema
 * route and a reference page that loads its scripts from a CDN, and its module loads every
 * better-auth plugin at start-up): its schema endpoint is loaded here, when the document is
 * first asked for, and run with this instance's context.
 */
export async function authOpenApi(auth: Auth): Promise<AuthOpenApi> {
  const { openAPI } = await import('better-auth/plugins');
  const generateSchema = openAPI().endpoints.generateOpenAPISchema as unknown as SchemaEndpoint;
  const generated = (await generateSchema({ context: await auth.$context })) as Omit<
    AuthOpenApi,
    'signedIn'
  >;
  const signedIn = new Set<string>();
  for (const endpoint of Object.values(auth.api) as {
    path?: string;
    options?: { method?: string | string[]; use?: unknown[] };
  }[]) {
    if (!endpoint.path || !endpoint.options?.use?.some((m) => SESSION_MIDDLEWARE.has(m))) continue;
    const methods = [endpoint.options.method ?? []].flat();
    const path = endpoint.path.replace(/:([^/]+)/g, '{$1}');
    for (const method of methods) signedIn.add(`${method} ${path}`);
  }
  // POST /get-session answers 405 unless session refreshes are deferred: not served here.
  const getSession = generated.paths['/get-session'];
  const session = auth.options.session as { deferSessionRefresh?: boolean } | undefined;
  if (getSession && !session?.deferSessionRefresh) delete getSession.post;
  return { paths: generated.paths, components: generated.components, signedIn };
}
