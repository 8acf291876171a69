import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from '@kit/database/testing/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildServer,
  ensureWebBuild,
  freePort,
  productionEnv,
  productionInstall,
  signUpOverHttp,
  startServerProcess,
  webDist,
} from './testing/production';

/**
 * The image docker/Dockerfile builds, without Docker: the server bundle and the built web app in
 * a production install (production dependencies only), run with plain `node` against a fresh
 * database, used like a first visitor would, then stopped with SIGTERM.
 */
let install: { root: string; main: string };
const serverUrl = testServerUrl();
const dropAfter: string[] = [];

beforeAll(() => {
  ensureWebBuild();
  buildServer();
  install = productionInstall(mkdtempSync(path.join(tmpdir(), 'kit-production-')));
}, 300_000);

afterAll(async () => {
  for (const name of dropAfter) await dropDatabase(serverUrl!, name);
});

describe('the production install', () => {
  it('holds the server bundle and production dependencies only', () => {
    const api = path.join(install.root, 'apps/api');
    expect(existsSync(path.join(api, 'dist/main.js'))).toBe(true);
    expect(existsSync(path.join(api, 'dist/drizzle/meta/_journal.json'))).toBe(true);
    expect(existsSync(path.join(api, 'src'))).toBe(false);
    const installed = readdirSync(path.join(api, 'node_modules/.pnpm'));
    for (const tool of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild', 'drizzle-kit', 'next']) {
      expect(installed.filter((entry) => entry.startsWith(`${tool}@`))).toEqual([]);
    }
  });

  // PostgreSQL when the test run has a server (CI does); PGlite, the default without one,
  // otherwise (its first start runs initdb in WebAssembly, which takes a while).
  const database: [string, () => Promise<Record<string, string>>] = serverUrl
    ? [
        'a fresh PostgreSQL database',
        async () => {
          const name = uniqueDatabaseName('kit_production');
          await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
          dropAfter.push(name);
          return { DATABASE_URL: withDatabaseName(serverUrl, name) };
        },
      ]
    : ['PGlite', async () => ({ KIT_DATA_DIR: path.join(install.root, 'data') })];

  it.each([database])(
    'starts with plain node on %s, signs up a user, serves the web app compressed, exits 0 on SIGTERM',
    async (_label, database) => {
      const port = await freePort();
      const server = await startServerProcess({
        command: [process.execPath, install.main],
        cwd: install.root,
        env: productionEnv(port, await database()),
        port,
      });
      try {
        expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({
          status: 'ok',
          database: 'up',
        });

        // Sign-up renders and sends the confirmation email (a template chunk loaded on first use).
        const email = `first-${port}@example.com`;
        const { client: visitor, signUp } = await signUpOverHttp(server.url, {
          name: 'First Visitor',
          email,
        });
        expect(signUp.status).toBe(200);
        expect(signUp.body.user).toMatchObject({ email, emailVerified: false });
        const session = await visitor.get('/api/auth/get-session');
        expect(session.body.user).toMatchObject({ email, emailVerified: true });
        const organization = await visitor.post('/api/organizations', { name: 'First Org' });
        expect(organization.status).toBe(201);
        expect(organization.body).toMatchObject({ name: 'First Org' });

        // The web app: the shell and its entry script, brotli-compressed as built.
        const shell = await fetch(`${server.url}/orgs/first-org/members`, {
          headers: { 'accept-encoding': 'br, gzip' },
        });
        expect(shell.headers.get('content-encoding')).toBe('br');
        expect(shell.headers.get('cache-control')).toBe('no-cache');
        const html = await shell.text();
        expect(html).toBe(readFileSync(path.join(webDist, 'index.html'), 'utf8'));
        const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
        expect(entry).toBeDefined();
        const script = await fetch(`${server.url}${entry}`, {
          headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
        });
        expect(script.headers.get('content-encoding')).toBe('br');
        expect(script.headers.get('vary')).toMatch(/accept-encoding/i);
        expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(Number(script.headers.get('content-length'))).toBe(
          readFileSync(path.join(webDist, `${entry}.br`)).length,
        );
        // fetch decodes the body: it must be the built file.
        expect(await script.text()).toBe(readFileSync(path.join(webDist, entry!), 'utf8'));
      } finally {
        expect(await server.stop('SIGTERM')).toBe(0);
      }
      expect(server.output()).toContain('SIGTERM received, shutting down');
    },
    180_000,
  );
});
