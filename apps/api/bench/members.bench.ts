/**
 * Members listing: GET /api/organizations/:id/members (first page of 25, 1,000 members) at 64
 * concurrent clients, the kit against a bare node:http + postgres.js server that does the same
 * session check (the session row by the cookie's token) and the same page query. Both servers
 * run in their own process on the same database, one after the other, in the same run.
 *
 *   pnpm exec tsx bench/members.bench.ts        (DATABASE_URL: a PostgreSQL server; required)
 *
 * BENCH_SECONDS (default 6) sets the measured time per server, after a 2 s warm-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { KitConfig } from '../src/kit';

const role = process.argv[2];
if (role === '--serve-kit') await serveKit();
else if (role === '--serve-bare') await serveBare();
else await main();

async function main() {
  const { dropDatabase, uniqueDatabaseName, withAdminClient, withDatabaseName } =
    await import('@kit/database/testing/server');
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server to run this bench.');
  const name = uniqueDatabaseName('kit_bench_members');
  await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  const url = withDatabaseName(serverUrl, name);
  const secret = randomBytes(32).toString('base64url');
  const children: ChildProcess[] = [];
  try {
    const { cookie, orgId } = await seed(url, secret);
    const seconds = Number(process.env.BENCH_SECONDS ?? 6);
    const results: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const kind of ['kit', 'bare'] as const) {
      const { child, port } = await startChild(kind, url, secret);
      children.push(child);
      const path = `/api/organizations/${orgId}/members`;
      await load(port, path, cookie, 2);
      const before = cpuMs(child.pid!);
      const started = performance.now();
      results[kind] = await load(port, path, cookie, seconds);
      // The server process's own CPU time (user + system) per request: unlike req/s, it hardly
      // moves with what else the machine runs.
      cpu[kind] =
        (cpuMs(child.pid!) - before) / (results[kind]! * ((performance.now() - started) / 1000));
      child.kill('SIGTERM');
    }
    const ratio = results.kit! / results.bare!;
    console.info('\nMembers listing (1,000 members, page of 25, 64 concurrent clients):');
    // eslint-disable-next-line no-console -- the benchmark prints a table
    console.table({
      kit: { 'req/s': Math.round(results.kit!), 'server CPU ms/req': cpu.kit!.toFixed(3) },
      'bare node:http + postgres.js': {
        'req/s': Math.round(results.bare!),
        'server CPU ms/req': cpu.bare!.toFixed(3),
      },
    });
    console.info(
      `ratio kit / bare: ${ratio.toFixed(2)} (target ≥ 0.80); ` +
        `server CPU per request, bare / kit: ${(cpu.bare! / cpu.kit!).toFixed(2)}`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await dropDatabase(serverUrl, name);
  }
}

/** 1,000 members in one organization, and the owner's session cookie (with its cached copy). */
async function seed(url: string, secret: string) {
  const { createKit, useKit } = await import('../src/kit');
  const { signUpVerified } = await import('../src/testing/client');
  const { mailboxTransport } = await import('@kit/email');
  const { setOrganizationPlan } = await import('@kit/organization');
  const kit = createKit(kitConfig(url, secret, mailboxTransport));
  useKit(kit);
  await kit.migrate();
  const owner = await signUpVerified(kit.app, { name: 'Owner', email: 'owner@bench.test' });
  const orgId = (await owner.post('/api/organizations', { name: 'Bench Members' })).body
    .id as string;
  await setOrganizationPlan({ organizationId: orgId, plan: 'enterprise' });
  const postgres = (await import('postgres')).default;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const users = Array.from({ length: 999 }, (_, i) => ({
    id: randomUUID(),
    name: `Member ${i}`,
    email: `member${i}@bench.test`,
    email_verified: true,
  }));
  await sql`insert into "user" ${sql(users)}`;
  await sql`insert into member ${sql(
    users.map((u, i) => ({
      id: randomUUID(),
      organization_id: orgId,
      user_id: u.id,
      role: 'member',
      created_at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    })),
  )}`;
  await sql.end();
  // A first request sets the session's cached copy, as a browser's first call would.
  const first = await owner.get(`/api/organizations/${orgId}/members`);
  if (first.status !== 200 || first.body.total !== 1000)
    throw new Error(`seed check failed: ${first.status} ${JSON.stringify(first.body)}`);
  const cookie = [...owner.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  await kit.close();
  return { cookie, orgId };
}

function kitConfig(url: string, secret: string, transport: unknown) {
  return {
    database: { url },
    auth: {
      appName: 'Bench',
      appUrl: 'http://localhost:3000',
      secret,
      signupMode: 'open' as const,
    },
    email: { transport },
  } as KitConfig;
}

function startChild(kind: 'kit' | 'bare', url: string, secret: string) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=/tmp/people-prof/${kind}`]
        : []),
      fileURLToPath(import.meta.url),
      `--serve-${kind}`,
    ],
    {
      env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_SECRET: secret },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve({ child, port: Number(match[1]) });
    });
  });
}

/** CPU time (user + system) the process `pid` has used, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the line; here counted after "pid (comm) ".
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // 100 clock ticks per second
}

/** Requests per second over `seconds`, 64 clients each sending one request after another. */
async function load(port: number, path: string, cookie: string, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(
        {
          host: '127.0.0.1',
          port,
          path,
          agent,
          headers: { cookie, origin: 'http://localhost:3000' },
        },
        (response) => {
          response.resume();
          response.on('end', () =>
            response.statusCode === 200
              ? resolve()
              : reject(new Error(`status ${response.statusCode}`)),
          );
        },
      );
      request.on('error', reject);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < deadline) {
        await once();
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return done / elapsed;
}

async function serveKit() {
  const { serve } = await import('@hono/node-server');
  const { createKit, useKit } = await import('../src/kit');
  const { mailboxTransport } = await import('@kit/email');
  await import('../src/testing/generous-rate-limits');
  const kit = createKit(
    kitConfig(process.env.BENCH_DATABASE_URL!, process.env.BENCH_SECRET!, mailboxTransport),
  );
  useKit(kit);
  const server = serve({ fetch: kit.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    console.info(`listening ${info.port}`),
  );
  process.on('SIGTERM', () => server.close(() => void kit.close().then(() => process.exit(0))));
}

/** The baseline: the session by its token, the membership, the page with its total. */
async function serveBare() {
  const postgres = (await import('postgres')).default;
  const sql = postgres(process.env.BENCH_DATABASE_URL!, { max: 10, onnotice: () => {} });
  const server = http.createServer(async (req, res) => {
    try {
      const match = /^\/api\/organizations\/([^/]+)\/members$/.exec(req.url ?? '');
      const raw = /(?:^|;\s*)better-auth\.session_token=([^;]+)/.exec(req.headers.cookie ?? '');
      const token = raw ? decodeURIComponent(raw[1]!).split('.')[0] : undefined;
      if (!match || !token) return end(res, 401, { error: { code: 'UNAUTHORIZED' } });
      const [session] = await sql`
        select s.user_id, u.name, u.email from session s join "user" u on u.id = s.user_id
        where s.token = ${token} and s.expires_at > now()`;
      if (!session) return end(res, 401, { error: { code: 'UNAUTHORIZED' } });
      const orgId = match[1]!;
      const rows = await sql`
        with me as (select true as member from member
                    where organization_id = ${orgId} and user_id = ${session.user_id}),
        page as (
          select m.id, m.user_id, m.role,
                 to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as joined_at,
                 u.name, u.email, u.image, count(*) over () as total
          from member m join "user" u on u.id = m.user_id
          where m.organization_id = ${orgId} and exists (select 1 from me)
          order by m.created_at asc, m.id asc limit 25 offset 0)
        select me.member, page.* from me left join page on true`;
      if (rows.length === 0) return end(res, 404, { error: { code: 'ORGANIZATION_NOT_FOUND' } });
      end(res, 200, {
        members: rows.map((r) => ({
          id: r.id,
          userId: r.user_id,
          name: r.name,
          email: r.email,
          image: r.image,
          role: r.role,
          joinedAt: r.joined_at,
        })),
        total: Number(rows[0]!.total),
        limit: 25,
        offset: 0,
      });
    } catch (error) {
      end(res, 500, { error: { code: 'INTERNAL_ERROR', message: String(error) } });
    }
  });
  server.listen(0, '127.0.0.1', () =>
    console.info(`listening ${(server.address() as AddressInfo).port}`),
  );
  process.on('SIGTERM', () => server.close(() => void sql.end().then(() => process.exit(0))));
}

function end(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
