import type { Auth } from '@kit/auth';
import type { Hono } from 'hono';

export interface MutatingRoute {
  method: string;
  /** As registered, e.g. `/api/organizations/:orgId/invitations`. */
  template: string;
  /** With every `:param` replaced by a real value. */
  path: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing route the app answers, read from its route table (so a route added
 * tomorrow is in the list) plus better-auth's POST endpoints behind `/api/auth/*`. `params`
 * gives a value for each `:param`; a route with a parameter not in it fails loudly.
 */
export function mutatingRoutes(
  { app, auth }: { app: Hono; auth: Auth },
  params: Record<string, string>,
): MutatingRoute[] {
  const found = new Map<string, MutatingRoute>();
  const add = (method: string, template: string) => {
    const path = template.replace(/:(\w+)/g, (_match, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no test value for :${name} in ${template}`);
      return encodeURIComponent(value);
    });
    found.set(`${method} ${template}`, { method, template, path });
  };
  for (const route of app.routes) {
    const method = route.method.toUpperCase();
    if (SAFE_METHODS.has(method)) continue;
    if (route.path === '/api/auth/*') {
      for (const endpoint of authPostEndpoints(auth)) add('POST', `/api/auth${endpoint}`);
      continue;
    }
    // `use()` middleware is registered as ALL on a wildcard; any other ALL route is a handler.
    if (method === 'ALL') {
      if (!route.path.endsWith('*')) add('POST', route.path);
      continue;
    }
    add(method, route.path);
  }
  return [...found.values()];
}

/** better-auth's endpoints that take POST, as paths under its base path. */
function authPostEndpoints(auth: Auth): string[] {
  return Object.values(auth.api as Record<string, unknown>).flatMap((endpoint) => {
    const { path, options } = endpoint as { path?: string; options?: { method?: unknown } };
    const methods = [options?.method].flat();
    return path && (methods.includes('POST') || methods.includes('*')) ? [path] : [];
  });
}
