/**
 * Bulk import: 10,000 CSV rows through the bulk endpoint (checked, stored, emails queued), beside
 * the same invitations sent one REST request at a time (measured on BENCH_REST_SAMPLE requests,
 * 200 by default, and extrapolated as rows/s). Both go over HTTP to the kit's server, as a client
 * would call it (as in the single-invitation bench); the same two are also measured in process
 * (`app.request`, no socket) and printed below. The email worker is not running: both sides
 * measure the API accepting and storing, not delivery. Targets: ≤ 1.5 s and ≥ 100× the REST loop.
 *
 *   cd apps/api && DATABASE_URL=postgres://… pnpm exec tsx bench/invitations.bench.ts
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { serve, type ServerType } from '@hono/node-server';
import { testClient, type TestClient } from '../src/testing/client';
import { benchKit, format, median } from './support';

const ROWS = Number(process.env.BENCH_BULK_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_BULK_RUNS ?? 5);
const REST_SAMPLE = Number(process.env.BENCH_REST_SAMPLE ?? 200);

const bench = await benchKit({ prefix: 'kit_bench_bulk' });
const { kit } = bench;

// The kit's API over HTTP, without its workers; the owner's session cookies on an HTTP client.
const APP_URL = 'http://localhost:3000';
const server = await new Promise<ServerType>((resolve) => {
  const started = serve({ fetch: kit.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
    resolve(started),
  );
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const overHttp = testClient(
  { request: (url, init) => fetch(url.replace(APP_URL, base), init) },
  APP_URL,
);
for (const [name, value] of bench.owner.cookies) overHttp.cookies.set(name, value);

const csvOf = (rows: number, prefix: string) =>
  [
    'email,role,team',
    ...Array.from({ length: rows }, (_, i) => `${prefix}${i}@example.com,member,t${i % 7}`),
  ].join('\n');

/** The process's CPU time (user + system, ms) of each measured import: the API and the client. */
const bulkCpu: number[] = [];
let restCpu = 0;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

async function bulk(
  owner: TestClient,
  rows: number,
  prefix: string,
  { measured = true } = {},
): Promise<number> {
  const orgId = await bench.newOrganization('bulk');
  const csv = csvOf(rows, prefix);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await owner.request(
    'POST',
    `/api/organizations/${orgId}/invitations/bulk`,
    csv,
    { headers: { 'content-type': 'text/csv' } },
  );
  const seconds = (performance.now() - started) / 1000;
  if (measured && rows === ROWS && owner === overHttp) bulkCpu.push(cpuMs(cpuBefore));
  if (response.status !== 200 || response.body.summary.invited !== rows)
    throw new Error(`bulk import failed: ${response.status} ${JSON.stringify(response.body)}`);
  return seconds;
}

async function oneByOne(
  owner: TestClient,
  rows: number,
  prefix = 'one',
  { measured = true } = {},
): Promise<number> {
  const orgId = await bench.newOrganization('rest');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < rows; i++) {
    const response = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: `${prefix}${i}@example.com`,
      role: 'member',
      metadata: { team: `t${i % 7}` },
    });
    if (response.status !== 201) throw new Error(`invitation ${i} failed: ${response.status}`);
  }
  if (measured && owner === overHttp) restCpu = cpuMs(cpuBefore);
  return (performance.now() - started) / 1000;
}

// Warm up (JIT, connection pool, template modules), untimed: each side once at the size it is
// measured at (the first import of 10,000 rows takes about half as long again as the next ones,
// while the optimizing compiler catches up), and a few single requests.
await bulk(overHttp, ROWS, 'warm-', { measured: false });
await bulk(bench.owner, ROWS, 'warm-in-process-', { measured: false });
await oneByOne(overHttp, 20, 'warm-one', { measured: false });
await oneByOne(bench.owner, 20, 'warm-one-in-process', { measured: false });
const runs: number[] = [];
for (let run = 0; run < RUNS; run++) runs.push(await bulk(overHttp, ROWS, `bulk${run}-`));
const restSeconds = await oneByOne(overHttp, REST_SAMPLE);
const inProcessRuns: number[] = [];
for (let run = 0; run < RUNS; run++)
  inProcessRuns.push(await bulk(bench.owner, ROWS, `in-process${run}-`));
const inProcessRest = await oneByOne(bench.owner, REST_SAMPLE, 'one-in-process');

const bulkSeconds = median(runs);
const bulkRate = ROWS / bulkSeconds;
const restRate = REST_SAMPLE / restSeconds;
const inProcessBulk = median(inProcessRuns);
const inProcessRestRate = REST_SAMPLE / inProcessRest;
const database = kit.connection.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory)';
const runList = (list: number[]) => list.map((s) => s.toFixed(2)).join(', ');
console.info(
  `\nBulk import on ${database}: ${format(ROWS)} CSV rows, median of ${RUNS} runs, over HTTP`,
);
// eslint-disable-next-line no-console -- the bench prints a table
console.table({
  'bulk CSV (checked, stored, emails queued)': {
    'rows/s': format(bulkRate),
    seconds: `${format(bulkSeconds, 2)} s (runs: ${runList(runs)})`,
  },
  [`REST, one request at a time (${REST_SAMPLE} requests)`]: {
    'rows/s': format(restRate, 1),
    seconds: `${format(ROWS / restRate, 1)} s for ${format(ROWS)} rows (extrapolated)`,
  },
});
console.info(
  `bulk: ${format(bulkSeconds, 2)} s for ${format(ROWS)} rows (target ≤ 1.5 s); ` +
    `${format(bulkRate / restRate, 0)}× the REST loop (target ≥ 100×)`,
);
console.info(
  `in process (app.request, no HTTP): bulk ${format(inProcessBulk, 2)} s ` +
    `(runs: ${runList(inProcessRuns)}), REST ${format(1000 / inProcessRestRate, 2)} ms a request, ` +
    `${format(ROWS / inProcessBulk / inProcessRestRate, 0)}×`,
);
// CPU time moves far less with the machine's load than wall time (PostgreSQL's share is not in it).
console.info(
  `CPU in the process: ${format(median(bulkCpu), 0)} ms per import of ${format(ROWS)} rows ` +
    `(${format(median(bulkCpu) / ROWS, 3)} ms per row), ${format(restCpu / REST_SAMPLE, 2)} ms per REST invitation ` +
    `(${format(restCpu / REST_SAMPLE / (median(bulkCpu) / ROWS), 0)}× a bulk row)`,
);
server.close();
await bench.close();
