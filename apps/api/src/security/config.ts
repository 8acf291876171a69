import { allowedOrigins } from '@kit/auth';
/** What a route accepts as a request body: media types (without parameters) and a size cap. */
export interface BodyRule {
  contentTypes: readonly string[];
  maxBytes: number;
}

/** A body rule for one route, written like a Hono path (`:param` matches one segment). */
export interface RouteBodyRule extends BodyRule {
  method: string;
  path: string;
}

export interface SecurityConfig {
  /** Origins allowed to send state-changing requests; the first is the app's own. */
  trustedOrigins: readonly string[];
  /** Send Strict-Transport-Security (only when the app is served over https). */
  hsts: boolean;
  /** Every route not listed in `routeBodies`: JSON, small. */
  defaultBody: BodyRule;
  routeBodies: readonly RouteBodyRule[];
}

export const JSON_BODY_LIMIT_BYTES = 64 * 1024;
export const BULK_IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * The kit's security defaults in one place: who may send state-changing requests, what bodies
 * each route accepts and how large, and whether browsers are told to insist on https.
 */
export function securityConfig(env: {
  appUrl: string;
  trustedOrigins?: readonly string[];
}): SecurityConfig {
  return {
    trustedOrigins: allowedOrigins(env.appUrl, env.trustedOrigins),
    hsts: new URL(env.appUrl).protocol === 'https:',
    defaultBody: { contentTypes: ['application/json'], maxBytes: JSON_BODY_LIMIT_BYTES },
    routeBodies: [
      {
        method: 'POST',
        path: '/api/organizations/:orgId/invitations/bulk',
        contentTypes: ['application/json', 'text/csv'],
        maxBytes: BULK_IMPORT_BODY_LIMIT_BYTES,
      },
    ],
  };
}

/** The body rule for a request: the first matching route rule, else the default. */
export function bodyRuleFor(config: SecurityConfig, method: string, path: string): BodyRule {
  return (
    config.routeBodies.find(
      (rule) => rule.method === method && pathPattern(rule.path).test(path),
    ) ?? config.defaultBody
  );
}

const patterns = new Map<string, RegExp>();

function pathPattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const source = path
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    pattern = new RegExp(`^${source}$`);
    patterns.set(path, pattern);
  }
  return pattern;
}
