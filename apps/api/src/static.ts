import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { notFound } from './errors';
import type { SecurityConfig } from './security/config';
import { assetSecurityHeaders, webSecurityHeaders } from './security/headers';

/** apps/web/dist, from src/static.ts and from the built dist/main.js alike. */
export function defaultWebDistDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/** The build's hashed scripts and stylesheets: never rendered as a document. */
const isScriptOrStylesheet = (path: string) =>
  path.startsWith('/assets/') && (path.endsWith('.js') || path.endsWith('.css'));

/** The compressed copies the web build writes beside its files (vite-plugin-compression2). */
const COMPRESSED_SUFFIXES = ['.br', '.gz'];

/** Every file of the build that has a brotli or gzip copy beside it. */
function filesWithCompressedCopies(distDir: string): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const suffix = COMPRESSED_SUFFIXES.find((s) => entry.name.endsWith(s));
    if (suffix) files.add(path.join(entry.parentPath, entry.name.slice(0, -suffix.length)));
  }
  return files;
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app from the same origin as the API:
 * - files as built, or their brotli/gzip copy when the browser accepts it (Content-Encoding,
 *   and `Vary: Accept-Encoding` on every file that has copies, so caches keep them apart);
 * - hashed files under /assets/ cached for a year; a missing one is a 404 (never the HTML shell,
 *   which the browser would keep as that script);
 * - index.html for every other GET outside /api (client-side routing); it and every other
 *   unhashed file are revalidated on each use (`no-cache`), so a new build is picked up at once.
 * Every response outside /api carries the web app's security headers (security/headers.ts);
 * the build's scripts and stylesheets only those that act on them (assetSecurityHeaders).
 */
export function mountWebApp(app: Hono, distDir: string, security: SecurityConfig): void {
  const root = path.resolve(distDir);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(
      `The web app is not built (${path.join(root, 'index.html')} is missing). Run \`pnpm build\` first.`,
    );
  }
  const compressible = filesWithCompressedCopies(root);
  // The file each request was answered with (the compressed copy's path when one was sent).
  const served = new WeakMap<Request, string>();
  const onFound = (file: string, c: Context) => void served.set(c.req.raw, path.resolve(file));
  const files = serveStatic({ root, precompressed: true, onFound });
  const shell = serveStatic({ root, path: 'index.html', precompressed: true, onFound });

  const caching =
    (cacheControl: string): MiddlewareHandler =>
    async (c, next) => {
      await next();
      if (!c.res.ok) return;
      c.header('cache-control', cacheControl);
      // A hashed file never changes under its name and is never revalidated: no Last-Modified.
      if (cacheControl === IMMUTABLE) c.header('last-modified', undefined);
      const file = served.get(c.req.raw);
      if (!c.res.headers.has('content-encoding') && file && compressible.has(file)) {
        c.header('vary', 'Accept-Encoding', { append: true });
      }
    };
  const outsideApi =
    (handler: MiddlewareHandler): MiddlewareHandler =>
    (c, next) =>
      isApiPath(c.req.path) ? next() : handler(c, next);

  const pageHeaders = webSecurityHeaders(security);
  const assetHeaders = assetSecurityHeaders(security);
  app.use(
    '*',
    outsideApi((c, next) =>
      (isScriptOrStylesheet(c.req.path) ? assetHeaders : pageHeaders)(c, next),
    ),
  );
  app.get('/assets/*', caching(IMMUTABLE), files, (c) => {
    c.header('cache-control', 'no-store');
    return notFound(c);
  });
  app.get('*', outsideApi(caching('no-cache')), outsideApi(files), outsideApi(shell));
}
