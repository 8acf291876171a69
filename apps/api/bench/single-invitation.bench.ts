/**
 * Single invitations: throughput one request at a time (p50 latency, req/s) and at 16 concurrent
 * clients (req/s), over HTTP, the kit beside a minimal Hono server on better-auth's organization
 * plugin (bench/better-auth-server.ts) on the same Postgres server, each on a fresh database,
 * in the same run. Both send through an instant email provider: the kit queues (its worker
 * delivers), the plugin sends inline. Targets: c=1 p50 ≤ the plugin's; c=16 req/s ≥ the plugin's.
 *
 *   cd apps/api && DATABASE_URL=postgres://… pnpm exec tsx bench/single-invitation.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EmailTransport } from '@kit/email';
import { startServer } from '../src/server';
import { testClient } from '../src/testing/client';
import { startPluginServer } from './better-auth-server';
import { benchKit, format, freshDatabase, percentile } from './support';

const SEQUENTIAL = Number(process.env.BENCH_SINGLE_SEQUENTIAL ?? 200);
const CONCURRENT = Number(process.env.BENCH_SINGLE_CONCURRENT ?? 480);
const CLIENTS = 16;
const APP_URL = 'http://localhost:3000';

/** Hands every message over at once. */
const instant: EmailTransport = { name: 'resend', send: async (m) => ({ id: m.idempotencyKey }) };

/** A cookie-keeping client speaking HTTP to `base` (requests carry the app's Origin). */
const httpClient = (base: string) =>
  testClient({ request: (url, init) => fetch(url.replace(APP_URL, base), init) }, APP_URL);

// The kit, served over HTTP with its email worker running.
const bench = await benchKit({ prefix: 'kit_bench_single', transport: instant });
const kitServer = await startServer(bench.kit, { port: 0, hostname: '127.0.0.1' });
const kitClient = httpClient(`http://127.0.0.1:${kitServer.port}`);
for (const [name, value] of bench.owner.cookies) kitClient.cookies.set(name, value);

// The plugin's server, on its own database.
const pluginDatabase = await freshDatabase('kit_bench_plugin');
const plugin = await startPluginServer({
  databaseUrl: pluginDatabase.url,
  appUrl: APP_URL,
  secret: randomBytes(32).toString('base64url'),
});
const pluginClient = httpClient(plugin.url);
const signUp = await pluginClient.post('/api/auth/sign-up/email', {
  name: 'Bench Owner',
  email: 'bench-owner@example.com',
  password: 'correct horse battery staple',
});
if (signUp.status !== 200) throw new Error(`plugin sign-up: ${signUp.status}`);

interface Target {
  name: string;
  newOrganization(label: string): Promise<string>;
  invite(orgId: string, email: string): Promise<void>;
}

let pluginOrganizations = 0;
const targets: Target[] = [
  {
    name: 'kit',
    newOrganization: (label) => bench.newOrganization(label),
    async invite(orgId, email) {
      const response = await kitClient.post(`/api/organizations/${orgId}/invitations`, {
        email,
        role: 'member',
      });
      if (response.status !== 201) throw new Error(`kit invitation: ${response.status}`);
    },
  },
  {
    name: 'better-auth organization plugin',
    async newOrganization(label) {
      const slug = `bench-${label}-${++pluginOrganizations}`.replace(/[^a-z0-9-]/g, '-');
      const created = await pluginClient.post('/api/auth/organization/create', {
        name: `Bench ${label}`,
        slug,
      });
      if (created.status !== 200) throw new Error(`plugin organization: ${created.status}`);
      return created.body.id as string;
    },
    async invite(organizationId, email) {
      const response = await pluginClient.post('/api/auth/organization/invite-member', {
        email,
        role: 'member',
        organizationId,
      });
      if (response.status !== 200)
        throw new Error(`plugin invitation: ${response.status} ${JSON.stringify(response.body)}`);
    },
  },
];

async function load(target: Target, label: string, total: number, clients: number) {
  const orgId = await target.newOrganization(label);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const i = next++;
        const sent = performance.now();
        await target.invite(orgId, `${label}-${i}@example.com`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { p50: percentile(latencies, 50), rate: total / seconds };
}

const results = new Map<string, { c1: { p50: number; rate: number }; c16: number }>();
for (const target of targets) await load(target, 'warm', 30, 4);
// Interleaved, so that both see the same machine.
for (const target of targets) {
  const c1 = await load(target, 'c1', SEQUENTIAL, 1);
  results.set(target.name, { c1, c16: 0 });
}
for (const target of targets) {
  results.get(target.name)!.c16 = (await load(target, 'c16', CONCURRENT, CLIENTS)).rate;
}

const kit = results.get('kit')!;
const base = results.get('better-auth organization plugin')!;
console.info('\nSingle invitations over HTTP, instant email provider, same Postgres, same run');
// eslint-disable-next-line no-console -- the bench prints a table
console.table(
  Object.fromEntries(
    [...results].map(([name, r]) => [
      name,
      {
        'c=1 p50 (ms)': format(r.c1.p50, 1),
        'c=1 req/s': format(r.c1.rate, 1),
        'c=16 req/s': format(r.c16, 1),
      },
    ]),
  ),
);
console.info(
  `single: c=1 p50 ${format(kit.c1.p50, 1)} ms vs ${format(base.c1.p50, 1)} ms (target ≤); ` +
    `c=16 ${format(kit.c16, 1)} vs ${format(base.c16, 1)} req/s (${format(kit.c16 / base.c16, 2)}×, target ≥ 1×)`,
);
await kitServer.close();
await plugin.close();
await bench.close();
await pluginDatabase.drop();
