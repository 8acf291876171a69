/**
 * Start-up of the production server: milliseconds from spawning the process to the first
 * healthy GET /api/health, and its resident memory (VmRSS) then and two seconds later; the
 * median of several runs of the built server (`node apps/api/dist/main.js` from the production
 * install docker/Dockerfile lays out) beside the same code run through tsx
 * (`node --import tsx src/main.ts`), in the same run against the same database.
 *
 *   pnpm exec tsx bench/startup.bench.ts        (BENCH_RUNS=7 for more runs; default 5)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  apiRoot,
  buildServer,
  ensureWebBuild,
  freePort,
  productionEnv,
  productionInstall,
  residentBytes,
  startServerProcess,
} from '../src/testing/production';
import { benchDatabase, mb, median } from './support/database';

const runs = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_MS = 800;
const TARGET_RSS = 110 * 1024 * 1024;

ensureWebBuild();
buildServer();
const install = productionInstall(mkdtempSync(path.join(tmpdir(), 'kit-bench-startup-')));
const database = await benchDatabase('kit_bench_startup');

const variants = {
  'built (node dist/main.js)': { command: [process.execPath, install.main], cwd: install.root },
  'tsx (node --import tsx src/main.ts)': {
    command: [process.execPath, '--import', 'tsx', 'src/main.ts'],
    cwd: apiRoot,
  },
};
type Variant = keyof typeof variants;
const samples = new Map<Variant, { ms: number; rss: number; rssLater: number }[]>();

async function once(variant: Variant) {
  const port = await freePort();
  const server = await startServerProcess({
    ...variants[variant],
    env: productionEnv(port, database.env),
    port,
  });
  const rss = residentBytes(server.child.pid!);
  await new Promise((r) => setTimeout(r, 2000));
  const rssLater = residentBytes(server.child.pid!);
  const code = await server.stop('SIGTERM');
  if (code !== 0) throw new Error(`${variant} exited with ${code}:\n${server.output()}`);
  return { ms: server.startedInMs, rss, rssLater };
}

try {
  // One unmeasured start of each: applies the migrations and warms the file cache.
  for (const variant of Object.keys(variants) as Variant[]) await once(variant);
  for (let run = 0; run < runs; run++) {
    // Alternating, so that a busy moment on the machine weighs on both alike.
    for (const variant of Object.keys(variants) as Variant[]) {
      const list = samples.get(variant) ?? [];
      list.push(await once(variant));
      samples.set(variant, list);
    }
  }
} finally {
  await database.drop();
}

const rows = [...samples].map(([variant, list]) => ({
  server: variant,
  'healthy after (median)': `${Math.round(median(list.map((s) => s.ms)))} ms`,
  range: `${Math.round(Math.min(...list.map((s) => s.ms)))}–${Math.round(Math.max(...list.map((s) => s.ms)))} ms`,
  'RSS when healthy (median)': mb(median(list.map((s) => s.rss))),
  'RSS 2 s later (median)': mb(median(list.map((s) => s.rssLater))),
}));
console.info(`\nServer start-up on ${database.kind}, ${runs} runs each:`);
console.table(rows); // eslint-disable-line no-console -- the benchmark prints a table
const built = samples.get('built (node dist/main.js)')!;
const tsx = samples.get('tsx (node --import tsx src/main.ts)')!;
const ms = median(built.map((s) => s.ms));
const rss = median(built.map((s) => s.rss));
console.info(
  `Built server: healthy in ${Math.round(ms)} ms (target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'NOT met'}), ` +
    `${mb(rss)} RSS (target < ${mb(TARGET_RSS)}: ${rss < TARGET_RSS ? 'met' : 'NOT met'}); ` +
    `${(median(tsx.map((s) => s.ms)) / ms).toFixed(1)}× faster and ${mb(median(tsx.map((s) => s.rss)) - rss)} smaller than through tsx.`,
);
