/**
 * `pnpm bench`: invitations per second through the bulk endpoint (CSV) and through the
 * single-invitation endpoint one request at a time, for 1,000 and 10,000 rows.
 * Uses a fresh database on DATABASE_URL's server when set, in-memory PGlite otherwise.
 */
import { performance } from 'node:perf_hooks';
import {
  dropDatabase,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from '@kit/database/testing/server';

import { randomBytes } from 'node:crypto';
import { brand } from '@kit/brand';
import { mailboxTransport } from '@kit/email';
import { setOrganizationPlan } from '@kit/organization';
import { createKit, useKit } from '../src/kit';
import { signUpVerified } from '../src/testing/client';
// The bench measures throughput, not the limits that keep one sender from flooding inboxes.
import '../src/testing/generous-rate-limits';

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
let dropBenchDatabase = async () => {};
let database: { url: string } | { pgliteDataDir: string } = { pgliteDataDir: 'memory://' };
if (serverUrl) {
  const name = uniqueDatabaseName('kit_bench');
  await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  database = { url: withDatabaseName(serverUrl, name) };
  dropBenchDatabase = () => dropDatabase(serverUrl, name);
}

const kit = createKit({
  database,
  auth: {
    appName: brand.name,
    appUrl: 'http://localhost:3000',
    secret: randomBytes(32).toString('base64url'),
    signupMode: 'open',
  },
  email: { transport: mailboxTransport },
});
useKit(kit);
const { app, connection } = kit;
await kit.migrate();
const owner = await signUpVerified(app, { name: 'Bench Owner', email: 'bench-owner@example.com' });

async function freshOrg(label: string) {
  const created = await owner.post('/api/organizations', { name: `Bench ${label} ${Date.now()}` });
  await setOrganizationPlan({ organizationId: created.body.id, plan: 'enterprise' });
  return created.body.id as string;
}

async function bulk(rows: number) {
  const orgId = await freshOrg('bulk');
  const csv = [
    'email,role,team',
    ...Array.from({ length: rows }, (_, i) => `bulk${i}@example.com,member,t${i % 7}`),
  ].join('\n');
  const started = performance.now();
  const response = await owner.request(
    'POST',
    `/api/organizations/${orgId}/invitations/bulk`,
    csv,
    { headers: { 'content-type': 'text/csv' } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200 || response.body.summary.invited !== rows)
    throw new Error(`bulk failed: ${response.status}`);
  return seconds;
}

async function oneByOne(rows: number) {
  const orgId = await freshOrg('rest');
  const started = performance.now();
  for (let i = 0; i < rows; i++) {
    const response = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: `one${i}@example.com`,
      role: 'member',
      metadata: { team: `t${i % 7}` },
    });
    if (response.status !== 201) throw new Error(`invitation ${i} failed: ${response.status}`);
  }
  return (performance.now() - started) / 1000;
}

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const rowsOut: Array<Record<string, string>> = [];
const fmt = (rows: number, seconds: number) =>
  `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(2)} s)`;
// One request at a time through REST takes minutes at 10,000 rows; BENCH_FULL=1 runs it.
const restLimit = process.env.BENCH_FULL === '1' ? Number.POSITIVE_INFINITY : 1000;
for (const size of sizes) {
  const bulkSeconds = await bulk(size);
  const restSeconds = size <= restLimit ? await oneByOne(size) : undefined;
  rowsOut.push({
    rows: size.toLocaleString('en-US'),
    'bulk CSV (stored + emails queued)': fmt(size, bulkSeconds),
    'REST, one request at a time': restSeconds
      ? fmt(size, restSeconds)
      : 'skipped (BENCH_FULL=1 runs it)',
    speed_up: restSeconds ? `${(restSeconds / bulkSeconds).toFixed(1)}×` : '',
  });
}

console.info(
  `\nInvitation import on ${connection.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)'}:`,
);
console.table(rowsOut); // eslint-disable-line no-console -- the benchmark prints a table
await kit.close();
await dropBenchDatabase();
