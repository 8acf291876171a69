#!/usr/bin/env node
/**
 * The JavaScript a browser downloads to show the members page, gzipped and brotli-compressed
 * (what the server sends to browsers that accept it), from the Vite build manifest: the entry chunk and its imports, plus the lazy route chunks on the way to the page
 * (app layout, organization layout, People) and their imports. Fails above the budget.
 *
 *   node scripts/bundle-size.mjs            (after `vite build`)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The members page's target is 120 KB transferred, response headers included (measured in
 * Chromium by apps/api/bench/transfer.bench.ts); the headers of its half-dozen files are about
 * 2 KB, so the compressed bodies this script adds up get the rest.
 */
export const BUDGET_BYTES = 118 * 1024;

/** The lazy route modules the router loads for /orgs/:org/people (the members page), outermost first. */
export const MEMBERS_ROUTE_MODULES = [
  'src/routes/app-layout.tsx',
  'src/routes/org-layout.tsx',
  'src/routes/org-people.tsx',
];

const defaultDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/**
 * @param {string} distDir
 * @returns {{ files: { file: string; bytes: number; gzip: number; brotli: number }[]; gzip: number; brotli: number; bytes: number }}
 */
export function measureMembersPage(distDir = defaultDist) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) throw new Error('No entry chunk in the Vite manifest');
  for (const key of MEMBERS_ROUTE_MODULES) {
    if (!manifest[key]) throw new Error(`${key} is not a chunk in the Vite manifest`);
  }

  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  visit(entryKey);
  for (const key of MEMBERS_ROUTE_MODULES) visit(key);

  const files = [...new Set([...seen].map((key) => manifest[key].file))]
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const content = readFileSync(path.join(distDir, file));
      return {
        file,
        bytes: content.length,
        gzip: gzipSync(content, { level: 9 }).length,
        brotli: brotliCompressSync(content, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
        }).length,
      };
    })
    .sort((a, b) => b.gzip - a.gzip);
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    brotli: files.reduce((sum, f) => sum + f.brotli, 0),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints the report; returns false when over the budget. */
export function reportMembersPage(distDir = defaultDist, log = console.info) {
  const result = measureMembersPage(distDir);
  log(`JavaScript for the members page (${result.files.length} files):`);
  for (const f of result.files)
    log(
      `  ${kb(f.brotli).padStart(9)} br  ${kb(f.gzip).padStart(9)} gzip  ${kb(f.bytes).padStart(9)}  ${f.file}`,
    );
  // Browsers that accept brotli (all current ones) are sent the .br files: that is what is transferred.
  const ok = result.brotli <= BUDGET_BYTES;
  log(
    `Total: ${kb(result.brotli)} brotli, ${kb(result.gzip)} gzip (${kb(result.bytes)} raw); budget ${kb(BUDGET_BYTES)} transferred (brotli): ${ok ? 'OK' : 'OVER BUDGET'}`,
  );
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (!reportMembersPage()) process.exitCode = 1;
  } catch (error) {
    console.error(
      `bundle-size: ${error instanceof Error ? error.message : error}. Run \`vite build\` first.`,
    );
    process.exitCode = 1;
  }
}
