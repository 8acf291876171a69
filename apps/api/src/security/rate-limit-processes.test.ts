import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Server {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** `pnpm start` as a real process on a free port, with the given limits. */
async function startProcess(env: NodeJS.ProcessEnv): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kit-rate-limit-'));
  mkdirSync(path.join(dir, 'web'));
  writeFileSync(path.join(dir, 'web', 'index.html'), '<!doctype html><title>Kit</title>');
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    PORT: '0',
    NODE_ENV: 'development',
    APP_URL: 'http://localhost:3000',
    KIT_DATA_DIR: path.join(dir, 'data'),
    WEB_DIST_DIR: path.join(dir, 'web'),
  };
  delete childEnv.TRUSTED_PROXIES;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: childEnv,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /running on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then(() => reject(new Error(`server exited:\n${output}`)));
  });
  return { port, child, exited };
}

/** A sign-in attempt over a real TCP connection from the loopback address `from`. */
function signIn(
  server: Server,
  from: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; code: string; retryAfter?: string }> {
  const body = JSON.stringify({ email, password: 'wrong-password' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        localAddress: from,
        method: 'POST',
        path: '/api/auth/sign-in/email',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          origin: 'http://localhost:3000',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            code: (JSON.parse(text) as { error: { code: string } }).error.code,
            retryAfter: res.headers['retry-after'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// PGlite is one process's database: two servers need PostgreSQL.
describe.runIf(process.env.DATABASE_URL)('two API processes on one database', () => {
  let a: Server;
  let b: Server;
  const limits = { RATE_LIMIT_SIGN_IN_PER_EMAIL: '3/15m', RATE_LIMIT_SIGN_IN_PER_IP: '4/15m' };

  beforeAll(async () => {
    [a, b] = await Promise.all([startProcess(limits), startProcess(limits)]);
  }, 120_000);

  afterAll(async () => {
    for (const server of [a, b]) server?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
  });

  it('share one per-email limit', async () => {
    const email = 'shared@example.com';
    expect((await signIn(a, '127.0.0.2', email)).status).toBe(401);
    expect((await signIn(b, '127.0.0.3', email)).status).toBe(401);
    expect((await signIn(a, '127.0.0.4', email)).status).toBe(401);
    const refused = await signIn(b, '127.0.0.5', email);
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  });

  it('share one per-address limit keyed by the socket, whatever X-Forwarded-For says', async () => {
    for (const [i, server] of [a, b, a, b].entries()) {
      const attempt = await signIn(server, '127.0.0.10', `ip${i}@example.com`, {
        'x-forwarded-for': `203.0.113.${i}`,
      });
      expect(attempt.status).toBe(401);
    }
    const refused = await signIn(a, '127.0.0.10', 'ip4@example.com', {
      'x-forwarded-for': '203.0.113.200',
    });
    expect(refused).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Another client without any forwarding header has its own bucket on both processes.
    expect((await signIn(a, '127.0.0.11', 'ip5@example.com')).status).toBe(401);
    expect((await signIn(b, '127.0.0.11', 'ip6@example.com')).status).toBe(401);
  });
});
