import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { handleError } from './app';
import { notFound } from './errors';
import { mountWebApp } from './static';
import { createTestKit } from './testing/kit';

/**
 * A built web app as `vite build` leaves it: hashed assets with brotli and gzip copies beside
 * them, index.html with its copies, a file whose brotli copy was skipped (not smaller), and an
 * image without copies.
 */
function builtWebApp() {
  const dist = mkdtempSync(path.join(tmpdir(), 'kit-web-static-'));
  mkdirSync(path.join(dist, 'assets'));
  const files: Record<string, Buffer> = {
    'index.html': Buffer.from(
      `<!doctype html><title>Shell</title><script type="module" src="/assets/app-1a2b.js"></script>${'<!-- padding -->'.repeat(40)}`,
    ),
    'assets/app-1a2b.js': Buffer.from(
      Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join('\n'),
    ),
    'assets/app-9f8e.css': Buffer.from('.a{color:red}\n'.repeat(200)),
    'assets/logo-77aa.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dist, name), content);
    if (name.endsWith('.png')) continue;
    writeFileSync(path.join(dist, `${name}.gz`), gzipSync(content));
    if (!name.endsWith('.css'))
      writeFileSync(path.join(dist, `${name}.br`), brotliCompressSync(content));
  }
  return { dist, files };
}

const { dist, files } = builtWebApp();
const kit = createTestKit();
const web = new Hono();
web.route('/', kit.app);
mountWebApp(web, dist, kit.security);
web.notFound(notFound);
web.onError(handleError);

const get = (url: string, acceptEncoding?: string, method = 'GET') =>
  web.request(`http://localhost:3000${url}`, {
    method,
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
  });

const body = async (response: Response) => Buffer.from(await response.arrayBuffer());
const decoded = async (response: Response) => {
  const raw = await body(response);
  const encoding = response.headers.get('content-encoding');
  if (encoding === 'br') return brotliDecompressSync(raw);
  if (encoding === 'gzip') return gunzipSync(raw);
  return raw;
};
const size = (file: string) => String(statSync(path.join(dist, file)).size);
const varies = (response: Response) =>
  (response.headers.get('vary') ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .includes('accept-encoding');

describe('the built web app over HTTP', () => {
  it.each([
    ['br, gzip', 'br', '.br'],
    ['gzip, deflate, br, zstd', 'br', '.br'],
    ['gzip', 'gzip', '.gz'],
    ['gzip, deflate', 'gzip', '.gz'],
  ])(
    'sends a hashed script compressed for Accept-Encoding "%s" (%s), cached for a year',
    async (accept, encoding, suffix) => {
      const response = await get('/assets/app-1a2b.js', accept);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(varies(response)).toBe(true);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('content-length')).toBe(size(`assets/app-1a2b.js${suffix}`));
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('last-modified')).toBeNull();
      expect((await decoded(response)).equals(files['assets/app-1a2b.js']!)).toBe(true);
    },
  );

  it('sends the file as built to a client that accepts no compression, still varying on it', async () => {
    for (const accept of [undefined, 'identity', 'deflate']) {
      const response = await get('/assets/app-1a2b.js', accept);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(varies(response)).toBe(true);
      expect(response.headers.get('content-length')).toBe(size('assets/app-1a2b.js'));
      expect((await body(response)).equals(files['assets/app-1a2b.js']!)).toBe(true);
    }
  });

  it('falls back to the copy that exists: gzip when the brotli one was not written', async () => {
    const response = await get('/assets/app-9f8e.css', 'br, gzip');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    expect(response.headers.get('content-length')).toBe(size('assets/app-9f8e.css.gz'));
    expect((await decoded(response)).equals(files['assets/app-9f8e.css']!)).toBe(true);
  });

  it('sends a file without compressed copies as it is, without Vary', async () => {
    const response = await get('/assets/logo-77aa.png', 'br, gzip');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(varies(response)).toBe(false);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await body(response)).equals(files['assets/logo-77aa.png']!)).toBe(true);
  });

  it('answers HEAD with the length of the copy GET would send, and no body', async () => {
    const response = await get('/assets/app-1a2b.js', 'br', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-length')).toBe(size('assets/app-1a2b.js.br'));
    expect((await body(response)).length).toBe(0);
  });

  it.each(['/', '/index.html', '/orgs/acme/members', '/invite/abc123def456'])(
    'sends index.html at %s compressed, never cached without revalidation, with the page policy',
    async (url) => {
      const response = await get(url, 'gzip, deflate, br');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-encoding')).toBe('br');
      expect(varies(response)).toBe(true);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-length')).toBe(size('index.html.br'));
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect((await decoded(response)).equals(files['index.html']!)).toBe(true);

      const plain = await get(url);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('cache-control')).toBe('no-cache');
      expect(await plain.text()).toBe(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    },
  );

  it('answers a missing hashed asset with a 404 that is not stored, compressed or not', async () => {
    for (const accept of [undefined, 'br, gzip']) {
      const response = await get('/assets/app-0000.js', accept);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('leaves /api alone: JSON from the API, not files or the shell', async () => {
    const health = await get('/api/health', 'br, gzip');
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    expect(health.headers.get('cache-control')).not.toBe('no-cache');
    const missing = await get('/api/nope', 'br, gzip');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
