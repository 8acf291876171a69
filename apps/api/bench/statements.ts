/**
 * Load-independent figures for the request paths the benches time: the SQL statements one
 * request sends (postgres.js's debug hook on the kit's connection) and the CPU time the process
 * spends per request (process.cpuUsage, in-process through app.request, no sockets). Wall-clock
 * figures move with whatever else the machine runs; these two do not, or much less.
 *
 *   cd apps/api && DATABASE_URL=postgres://… pnpm exec tsx bench/statements.ts [invitation|members|all]
 *
 * STATEMENTS_VERBOSE=1 prints each statement; STATEMENTS_RUNS sets requests per CPU sample (200);
 * STATEMENTS_WORKER=1 runs the email delivery worker alongside, as the server does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { brand } from '@kit/brand';
import { migrationsFolder, type Database, type DatabaseConnection } from '@kit/database';
import * as schema from '@kit/database/schema';
import { mailboxTransport } from '@kit/email';
import { setOrganizationPlan } from '@kit/organization';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import '../src/testing/generous-rate-limits';
import { createKit, useKit } from '../src/kit';
import { signUpVerified } from '../src/testing/client';
import { freshDatabase, median } from './support';

const wanted = process.argv[2] ?? 'all';
const RUNS = Number(process.env.STATEMENTS_RUNS ?? 200);
const verbose = Boolean(process.env.STATEMENTS_VERBOSE);

const fresh = await freshDatabase('kit_bench_statements');
let capturing = false;
const captured: string[] = [];
/** Statements sent while the CPU samples ran (the worker's too, with STATEMENTS_WORKER=1). */
let counted = 0;
let counting = false;
const client = postgres(fresh.url, {
  max: 10,
  onnotice: () => {},
  debug: (_connection, query) => {
    if (counting) counted++;
    if (capturing) captured.push(query.replace(/\s+/g, ' ').trim());
  },
});
const connection: DatabaseConnection = {
  db: drizzle(client, { schema }) as unknown as Database,
  kind: 'postgres',
  migrate: () => migrate(drizzle(client), { migrationsFolder }),
  close: () => client.end({ timeout: 5 }),
};
const kit = createKit({
  database: connection,
  auth: {
    appName: brand.name,
    appUrl: 'http://localhost:3000',
    secret: randomBytes(32).toString('base64url'),
    signupMode: 'open',
  },
  email: {
    transport: process.env.STATEMENTS_WORKER
      ? { name: 'resend', send: async (m) => ({ id: m.idempotencyKey }) }
      : mailboxTransport,
  },
});
const uninstall = useKit(kit);
await kit.migrate();
// STATEMENTS_WORKER=1: the delivery worker runs too (as in the server), its statements and CPU
// counted with the requests'.
const worker = process.env.STATEMENTS_WORKER ? kit.startEmailWorker() : undefined;
const owner = await signUpVerified(kit.app, { name: 'Owner', email: 'owner@bench.test' });
const newOrganization = async (name: string) => {
  const created = await owner.post('/api/organizations', { name });
  if (created.status !== 201) throw new Error(`organization: ${created.status}`);
  await setOrganizationPlan({ organizationId: created.body.id, plan: 'enterprise' });
  return created.body.id as string;
};

/** Statements for one call of `op`, then CPU microseconds per call over RUNS calls (median of 3). */
async function measure(name: string, op: (i: number) => Promise<void>) {
  for (let i = 0; i < 30; i++) await op(i);
  captured.length = 0;
  capturing = true;
  await op(30);
  capturing = false;
  const statements = [...captured];
  captured.length = 0;
  capturing = true;
  await op(-1);
  capturing = false;
  const changed = captured.filter((text, i) => text !== statements[i]).length;
  if (changed > 0) console.info(`${name}: ${changed} statement texts differ between two requests`);
  const samples: number[] = [];
  const latencies: number[] = [];
  let next = 31;
  counted = 0;
  counting = true;
  for (let s = 0; s < 3; s++) {
    const before = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await op(next++);
      latencies.push(performance.now() - started);
    }
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / RUNS);
  }
  counting = false;
  console.info(
    `${name}: ${statements.length} statements, ${(median(samples) / 1000).toFixed(2)} ms CPU per request ` +
      `(samples ${samples.map((s) => (s / 1000).toFixed(2)).join(', ')}), ` +
      `${median(latencies).toFixed(2)} ms median latency one at a time (moves with load); ` +
      `${(counted / (3 * RUNS)).toFixed(2)} statements per request over the ${3 * RUNS} timed`,
  );
  if (verbose) for (const statement of statements) console.info(`- ${statement.slice(0, 600)}`);
}

if (wanted === 'all' || wanted === 'invitation') {
  const orgId = await newOrganization('Invitations');
  await measure('POST invitation', async (i) => {
    const response = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: `invitee-${i}@bench.test`,
      role: 'member',
    });
    if (response.status !== 201) throw new Error(`invitation: ${response.status}`);
  });
}

if (wanted === 'all' || wanted === 'members') {
  const orgId = await newOrganization('Members');
  const users = Array.from({ length: 999 }, (_, i) => ({
    id: randomUUID(),
    name: `Member ${i}`,
    email: `member${i}@bench.test`,
    email_verified: true,
  }));
  await client`insert into "user" ${client(users)}`;
  await client`insert into member ${client(
    users.map((u, i) => ({
      id: randomUUID(),
      organization_id: orgId,
      user_id: u.id,
      role: 'member',
      created_at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
    })),
  )}`;
  await measure('GET members', async () => {
    const response = await owner.get(`/api/organizations/${orgId}/members`);
    if (response.status !== 200 || response.body.total !== 1000)
      throw new Error(`members: ${response.status}`);
  });
}

await worker?.stop();
uninstall();
await kit.close();
await fresh.drop();
