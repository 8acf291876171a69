import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

export function defaultWebDistDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
}

/**
 * Serves the built web app from the same origin as the API: hashed assets with long-lived
 * caching, and index.html for every other GET outside /api (client-side routing).
 */
export function mountWebApp(app: Hono, distDir: string): void {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `The web app is not built (${indexFile} is missing). Run \`pnpm build\` first.`,
    );
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  const root = path.relative(process.cwd(), distDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return serveStatic({ root })(c, next);
  });
  app.get('*', (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') return next();
    c.header('cache-control', 'no-cache');
    return c.html(indexHtml);
  });
}
