import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { notFound } from './errors';
import type { SecurityConfig } from './security/config';
import { webSecurityHeaders } from './security/headers';

export function defaultWebDistDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built web app from the same origin as the API: hashed assets with long-lived
 * caching, and index.html for every other GET outside /api (client-side routing). Every
 * response outside /api carries the web app's security headers (security/headers.ts).
 */
export function mountWebApp(app: Hono, distDir: string, security: SecurityConfig): void {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `The web app is not built (${indexFile} is missing). Run \`pnpm build\` first.`,
    );
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  const root = path.relative(process.cwd(), distDir) || '.';
  const headers = webSecurityHeaders(security);
  app.use('*', (c, next) => (isApiPath(c.req.path) ? next() : headers(c, next)));
  // Only a file that exists is cached for a year; a missing hashed asset (an old build's
  // chunk) is a 404, never the HTML shell, which the browser would keep as that script.
  app.get(
    '/assets/*',
    async (c, next) => {
      await next();
      if (c.res.ok) c.header('cache-control', 'public, max-age=31536000, immutable');
    },
    serveStatic({ root }),
    (c) => {
      c.header('cache-control', 'no-store');
      return notFound(c);
    },
  );
  app.use('*', async (c, next) => {
    if (isApiPath(c.req.path)) return next();
    return serveStatic({ root })(c, next);
  });
  app.get('*', (c, next) => {
    if (isApiPath(c.req.path)) return next();
    c.header('cache-control', 'no-cache');
    return c.html(indexHtml);
  });
}
