/**
 * Start-up of the production server: milliseconds from spawning the process to the first
 * healthy GET /api/health, and its resident memory (VmRSS) then and two seconds later; the
 * median of several runs of the built server (`node apps/api/dist/main.js` from the production
 * install docker/Dockerfile lays out) beside the same code run through tsx
 * (`node --import tsx src/main.ts`), in the same run against the same database. Then one more
 * start of the built server lists the modules it loaded before it was healthy, by package
 * (support/loaded-modules.mjs): the first place to look when the memory at start grows.
 *
 *   pnpm exec tsx bench/startup.bench.ts        (BENCH_RUNS=7 for more runs; default 5)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
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

/**
 * One more start of the built server with a preload that lists the modules it loads: what it
 * loaded by the time it was healthy, by package (the bundle's own files as "server bundle").
 */
async function loadedModules() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kit-bench-modules-')), 'loaded.jsonl');
  const port = await freePort();
  const preload = path.join(import.meta.dirname, 'support/loaded-modules.mjs');
  const server = await startServerProcess({
    command: [process.execPath, '--import', preload, install.main],
    cwd: install.root,
    env: { ...productionEnv(port, database.env), KIT_LOADED_MODULES_FILE: file },
    port,
  });
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  await server.stop('SIGTERM');
  const byPackage = new Map<string, { files: number; bytes: number }>();
  for (const line of lines) {
    const { url, bytes } = JSON.parse(line) as { url: string; bytes: number };
    if (!url.startsWith('file:')) continue;
    const inPackage = url.split('/node_modules/').at(-1)!.split('/');
    const name = url.includes('/node_modules/')
      ? inPackage.slice(0, inPackage[0]!.startsWith('@') ? 2 : 1).join('/')
      : 'server bundle (dist/)';
    const entry = byPackage.get(name) ?? { files: 0, bytes: 0 };
    entry.files++;
    entry.bytes += bytes;
    byPackage.set(name, entry);
  }
  return [...byPackage].sort((a, b) => b[1].bytes - a[1].bytes);
}

let loaded: Awaited<ReturnType<typeof loadedModules>> = [];
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
  loaded = await loadedModules();
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
const totalKb = loaded.reduce((sum, [, p]) => sum + p.bytes, 0) / 1024;
console.info(
  `\nModules the built server loaded before it was healthy: ${loaded.reduce((sum, [, p]) => sum + p.files, 0)} files, ` +
    `${totalKb.toFixed(0)} KB of source; the largest packages:`,
);
const largest = loaded.slice(0, 12).map(([name, p]) => ({
  package: name,
  files: p.files,
  source: `${(p.bytes / 1024).toFixed(0)} KB`,
}));
console.table(largest); // eslint-disable-line no-console -- the benchmark prints a table
const built = samples.get('built (node dist/main.js)')!;
const tsx = samples.get('tsx (node --import tsx src/main.ts)')!;
const ms = median(built.map((s) => s.ms));
const rss = median(built.map((s) => s.rss));
console.info(
  `Built server: healthy in ${Math.round(ms)} ms (target < ${TARGET_MS} ms: ${ms < TARGET_MS ? 'met' : 'NOT met'}), ` +
    `${mb(rss)} RSS (target < ${mb(TARGET_RSS)}: ${rss < TARGET_RSS ? 'met' : 'NOT met'}); ` +
    `${(median(tsx.map((s) => s.ms)) / ms).toFixed(1)}× faster and ${mb(median(tsx.map((s) => s.rss)) - rss)} smaller than through tsx.`,
);
