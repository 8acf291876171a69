import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { testClient } from './client';

/** apps/api */
export const apiRoot = path.resolve(import.meta.dirname, '../..');
export const repoRoot = path.resolve(apiRoot, '../..');
export const webDist = path.join(repoRoot, 'apps/web/dist');

/** Builds the server bundle (apps/api/dist) from the current sources. */
export function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: apiRoot, stdio: 'pipe' });
}

/**
 * Builds the web app when it has not been built (turbo builds it before the API's tests). As a
 * production build: under Vitest NODE_ENV is `test`, which Vite would otherwise pass on to the
 * bundle, shipping React's development build to whatever serves apps/web/dist next.
 */
export function ensureWebBuild(): void {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  execFileSync('pnpm', ['--filter', '@kit/web', 'build'], {
    cwd: repoRoot,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/**
 * The production install docker/Dockerfile lays out, in `dir`: the server with its production
 * dependencies only (`pnpm deploy --prod`) in apps/api, the built web app in apps/web/dist.
 * Run it with `node apps/api/dist/main.js` from `dir`.
 */
export function productionInstall(dir: string): { root: string; main: string } {
  execFileSync('pnpm', ['--filter', '@kit/api', 'deploy', '--prod', path.join(dir, 'apps/api')], {
    cwd: repoRoot,
    stdio: 'pipe',
  });
  mkdirSync(path.join(dir, 'apps/web'), { recursive: true });
  cpSync(webDist, path.join(dir, 'apps/web/dist'), { recursive: true });
  return { root: dir, main: 'apps/api/dist/main.js' };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment a production deployment sets (docker/compose.yaml), and nothing else. */
export function productionEnv(port: number, database: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64'),
    EMAIL_TRANSPORT: 'mailbox',
    EMAIL_FROM: 'Kit <no-reply@localhost>',
    // The mailbox lets a check read the emails the server sent.
    DEV_MAILBOX: 'on',
    ...database,
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first healthy /api/health. */
  startedInMs: number;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `command` and waits until GET /api/health answers `{status: 'ok'}`. */
export async function startServerProcess(options: {
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const started = performance.now();
  const [executable, ...args] = options.command;
  const child = spawn(executable!, args, { cwd: options.cwd, env: options.env });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const url = `http://localhost:${options.port}`;
  const deadline = started + (options.timeoutMs ?? 90_000);

  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited (${exitCode}):\n${output}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not healthy in time:\n${output}`);
    }
    const healthy = await fetch(`${url}/api/health`)
      .then(async (r) => r.ok && ((await r.json()) as { status?: string }).status === 'ok')
      .catch(() => false);
    if (healthy) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startedInMs = performance.now() - started;
  return {
    url,
    child,
    startedInMs,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}

/** Resident memory of a process in bytes (VmRSS from /proc). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/**
 * Signs up through a running server's HTTP API like a browser would, follows the confirmation
 * link from the development mailbox (DEV_MAILBOX=on) and returns the signed-in client.
 */
export async function signUpOverHttp(serverUrl: string, user: { name: string; email: string }) {
  const client = testClient(
    // Like app.request(): redirects are returned, so their cookies reach the jar.
    { request: (url, init) => fetch(url, { ...init, redirect: 'manual' }) },
    serverUrl,
  );
  const signUp = await client.post('/api/auth/sign-up/email', {
    ...user,
    password: 'correct-horse-battery',
    callbackURL: '/dashboard',
  });
  if (signUp.status !== 200) {
    throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  }
  let link: string | undefined;
  for (let attempt = 0; attempt < 200 && !link; attempt++) {
    const mailbox = await client.get(`/api/dev/mailbox?to=${encodeURIComponent(user.email)}`);
    const messages = (mailbox.body?.messages ?? []) as Array<{ links: string[] }>;
    link = messages[0]?.links.find((l) => l.includes('/verify-email'));
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  if (!link) throw new Error(`no confirmation email for ${user.email}`);
  await client.open(link);
  return { client, signUp };
}
