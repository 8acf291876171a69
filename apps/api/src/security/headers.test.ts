import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from '../app';
import { notFound } from '../errors';
import { startServer } from '../server';
import { createTestKit } from '../testing/kit';
import { mountWebApp } from '../static';
import { securityConfig } from './config';
import { apiSecurityHeaders, assetSecurityHeaders, webSecurityHeaders } from './headers';

/** The production handler as `pnpm start` builds it, over a small built web app. */
function productionHandler(): Hono {
  const dist = mkdtempSync(path.join(tmpdir(), 'kit-web-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><title>Shell</title><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log("app");');
  writeFileSync(path.join(dist, 'assets', 'app-1a2b.css'), 'body{margin:0}');
  writeFileSync(
    path.join(dist, 'assets', 'logo-1a2b.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
  );
  const handler = new Hono();
  const kit = createTestKit();
  handler.route('/', kit.app);
  mountWebApp(handler, dist, kit.security);
  handler.notFound(notFound);
  handler.onError(handleError);
  return handler;
}

const web = productionHandler();
const get = (path: string) => web.request(`http://localhost:3000${path}`);

function directives(response: Response): Map<string, string> {
  const csp = response.headers.get('content-security-policy') ?? '';
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)] as [string, string]),
  );
}

describe('security headers', () => {
  it.each(['/', '/invite/abc123def456', '/orgs/acme/members', '/sign-in'])(
    'HTML at %s: own scripts and styles only, never framed, nosniff, no referrer',
    async (pagePath) => {
      const response = await get(pagePath);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      const csp = directives(response);
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(response.headers.get('content-security-policy')).not.toContain('unsafe');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // APP_URL is http in tests: no HSTS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('lets only the dev mailbox page style previewed emails inline; scripts stay own-only', async () => {
    const csp = directives(await get('/dev/mailbox'));
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('API responses: a deny-all policy, nosniff, no referrer', async () => {
    for (const apiPath of ['/api/health', '/api/nope']) {
      const response = await get(apiPath);
      const csp = directives(response);
      expect(csp.get('default-src')).toBe("'none'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('API responses from the Node server carry the same security headers as in process', async () => {
    const kit = createTestKit();
    const server = await startServer(kit, { port: 0, hostname: '127.0.0.1' });
    try {
      for (const apiPath of ['/api/health', '/api/nope', '/api/organizations']) {
        const inProcess = await kit.app.request(`http://localhost:3000${apiPath}`);
        const overHttp = await fetch(`http://127.0.0.1:${server.port}${apiPath}`);
        expect(overHttp.status).toBe(inProcess.status);
        for (const name of [
          'content-security-policy',
          'cross-origin-resource-policy',
          'referrer-policy',
          'x-content-type-options',
          'x-frame-options',
          'strict-transport-security',
          'cross-origin-opener-policy',
          'origin-agent-cluster',
          'x-dns-prefetch-control',
          'x-download-options',
          'x-permitted-cross-domain-policies',
          'x-xss-protection',
        ]) {
          expect([apiPath, name, overHttp.headers.get(name)]).toEqual([
            apiPath,
            name,
            inProcess.headers.get(name),
          ]);
        }
        expect(overHttp.headers.get('content-security-policy')).toContain("default-src 'none'");
      }
    } finally {
      await server.close();
    }
  });

  it('caches a real asset for a year and answers a missing one with 404, not the HTML shell', async () => {
    const asset = await get('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("app");');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');

    const missing = await get('/assets/app-0000.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('scripts and stylesheets: nosniff and same-origin only, none of the page-only headers', async () => {
    for (const file of ['/assets/app-1a2b.js', '/assets/app-1a2b.css']) {
      const response = await get(file);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      for (const pageOnly of [
        'content-security-policy',
        'x-frame-options',
        'cross-origin-opener-policy',
        'origin-agent-cluster',
        'referrer-policy',
        'x-xss-protection',
        'x-dns-prefetch-control',
        'x-download-options',
        'x-permitted-cross-domain-policies',
      ])
        expect(response.headers.get(pageOnly), `${file} ${pageOnly}`).toBeNull();
    }
    // Anything else under /assets (an image, a font, a file a fork adds) keeps the page set.
    const other = await get('/assets/logo-1a2b.svg');
    expect(other.status).toBe(200);
    expect(directives(other).get('default-src')).toBe("'self'");
    expect(other.headers.get('x-frame-options')).toBe('DENY');
  });

  it('sends HSTS when APP_URL is https, on pages and API alike', async () => {
    const config = securityConfig({
      appUrl: 'https://app.example.com',
      trustedOrigins: ['https://app.example.com'],
    });
    expect(config.hsts).toBe(true);
    for (const middleware of [
      apiSecurityHeaders(config),
      webSecurityHeaders(config),
      assetSecurityHeaders(config),
    ]) {
      const response = await new Hono()
        .use(middleware)
        .get('/', (c) => c.text('ok'))
        .request('/');
      expect(response.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
  });
});
