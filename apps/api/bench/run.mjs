#!/usr/bin/env node
/**
 * `pnpm bench`: runs every bench/*.bench.ts in turn (through tsx), each printing its figures
 * beside its baseline. Names on the command line run only the matching files:
 *
 *   node bench/run.mjs                 all of them
 *   node bench/run.mjs startup         bench/startup.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)))
  .sort();
if (benches.length === 0) {
  console.error(`No bench matches ${wanted.join(', ')} in ${here}`);
  process.exit(1);
}

const failed = [];
for (const file of benches) {
  console.info(`\n=== ${file} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], {
    cwd: path.dirname(here),
    stdio: 'inherit',
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (result.status !== 0) failed.push(file);
  console.info(`=== ${file}: ${result.status === 0 ? 'done' : 'FAILED'} in ${seconds} s ===`);
}
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
