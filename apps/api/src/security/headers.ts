import { brand } from '@kit/brand';
import type { ServerResponse } from 'node:http';
import { Hono, type MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * For API responses (JSON): nothing in them may run, load or be framed; no referrer leaves.
 */
export function apiSecurityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  const common = {
    crossOriginResourcePolicy: 'same-origin',
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.hsts ? HSTS : false,
  } as const;
  const api = fixedHeaders(
    secureHeaders({
      ...common,
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    }),
  );
  const reference = secureHeaders({ ...common, contentSecurityPolicy: referencePagePolicy });
  return createMiddleware(async (c, next) =>
    (c.req.path === REFERENCE_PAGE ? reference : api)(c, next),
  );
}

/**
 * `headers` (a middleware adding the same headers to every response), cheaper on the Node
 * server: the headers it adds are read once, from a probe request, and handed to Node's
 * response object (`setHeader`, a plain object), so that no `Headers` object is built per
 * response only to add them. A header the route sets itself wins over the same one here. Off
 * the Node server (app.request, other runtimes) `headers` runs as it is.
 */
function fixedHeaders(headers: MiddlewareHandler): MiddlewareHandler {
  let fixed: Promise<[string, string][]> | undefined;
  const probe = async () => {
    const response = await new Hono()
      .use(headers)
      .get('/', (c) => c.body(null))
      .request('/');
    return [...response.headers];
  };
  return async (c, next) => {
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (!outgoing || typeof outgoing.setHeader !== 'function') return headers(c, next);
    fixed ??= probe();
    const list = await fixed;
    for (const [name, value] of list) outgoing.setHeader(name, value);
    await next();
  };
}

/** The API reference page (openapi/document.ts). */
const REFERENCE_PAGE = '/api/docs';

/**
 * The API reference page runs Swagger UI from this app's own files: scripts 'self' only; it
 * sets inline styles and shows data: images; "Try it out" calls this origin.
 */
const referencePagePolicy = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** The web app's policy: its own scripts and styles only, never framed. */
const webAppPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // The favicon is an inline SVG data: URL; a brand logo may live on its own host.
  imgSrc: ["'self'", 'data:', ...(brand.logoUrl ? [new URL(brand.logoUrl).origin] : [])],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The development mailbox previews emails in a sandboxed srcdoc frame (no scripts), which
 * inherits the page's policy: emails are styled inline and may show remote images, so this one
 * page allows inline styles and https images. Scripts stay 'self' only.
 */
const devMailboxPolicy = {
  ...webAppPolicy,
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https:'],
};

/**
 * For the web app's pages and files: a Content-Security-Policy, no framing (also for old
 * browsers through X-Frame-Options), nosniff, and no referrer: the invitation token is in the
 * accept page's URL and must not leak to anything the page links to. HSTS when served on https.
 */
export function webSecurityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  const common = {
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: options.hsts ? HSTS : false,
  } as const;
  const app = secureHeaders({ ...common, contentSecurityPolicy: webAppPolicy });
  const mailbox = secureHeaders({ ...common, contentSecurityPolicy: devMailboxPolicy });
  return createMiddleware(async (c, next) =>
    (c.req.path === '/dev/mailbox' || c.req.path.startsWith('/dev/mailbox/') ? mailbox : app)(
      c,
      next,
    ),
  );
}

/**
 * For the build's scripts and stylesheets (`/assets/*.js`, `/assets/*.css`): only the headers a
 * browser applies to a script or stylesheet response. `nosniff` (the file is run or applied only
 * as the type it is served as), `Cross-Origin-Resource-Policy: same-origin` (other sites cannot
 * load it with no-cors requests) and HSTS stay. Left out, because they act on documents only and
 * a script or stylesheet is never rendered as one: Content-Security-Policy (the page's policy
 * governs what its scripts may do; it would apply to a script only if it were started as a
 * worker, which this app does not do: a fork that adds a worker should send it the page policy),
 * X-Frame-Options, Cross-Origin-Opener-Policy, Origin-Agent-Cluster, Referrer-Policy (requests a
 * script makes use the page's policy; a stylesheet's own url() loads are same-origin hashed
 * files, whose referrer would be the stylesheet's URL), X-XSS-Protection, X-DNS-Prefetch-Control,
 * X-Download-Options and X-Permitted-Cross-Domain-Policies. That is about 500 bytes less on each
 * of the files a page loads (see docs/performance.md, "Members page: transferred JavaScript").
 */
export function assetSecurityHeaders(options: { hsts: boolean }): MiddlewareHandler {
  return secureHeaders({
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
    originAgentCluster: false,
    referrerPolicy: false,
    strictTransportSecurity: options.hsts ? HSTS : false,
    xContentTypeOptions: true,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}
