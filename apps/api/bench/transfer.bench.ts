/**
 * The JavaScript a browser transfers to show the members page: the built server (web app and
 * API on one port) in Chromium, a signed-in owner opening /orgs/<slug>/people with an empty
 * cache; the bytes on the wire of every script (CDP Network.loadingFinished encodedDataLength:
 * compressed body plus response headers, the headers being what had arrived at
 * Network.responseReceived) beside the size of the same files as built (uncompressed).
 *
 *   pnpm exec tsx bench/transfer.bench.ts
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  buildServer,
  ensureWebBuild,
  freePort,
  productionEnv,
  signUpOverHttp,
  startServerProcess,
  apiRoot,
  webDist,
} from '../src/testing/production';
import { benchDatabase, kb } from './support/database';

const TARGET = 120 * 1024;

ensureWebBuild();
buildServer();
const database = await benchDatabase('kit_bench_transfer');
const port = await freePort();
const server = await startServerProcess({
  command: [process.execPath, 'dist/main.js'],
  cwd: apiRoot,
  env: productionEnv(port, database.env),
  port,
});

interface Script {
  url: string;
  encoding: string;
  transferred: number;
  headers: number;
  built: number;
}
const scripts: Script[] = [];
try {
  const email = `bench-owner-${port}@example.com`;
  const { client } = await signUpOverHttp(server.url, { name: 'Bench Owner', email });
  const organization = await client.post('/api/organizations', { name: 'Bench Transfer' });
  if (organization.status !== 201) throw new Error(`organization: ${organization.status}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const context = await browser.newContext();
    await context.addCookies(
      [...client.cookies].map(([name, value]) => ({ name, value, url: server.url })),
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pending = new Map<string, { url: string; encoding: string; headers: number }>();
    const finished: Array<{ requestId: string; encodedDataLength: number }> = [];
    cdp.on('Network.responseReceived', (event) => {
      if (event.type !== 'Script') return;
      const headers = Object.fromEntries(
        Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
      );
      pending.set(event.requestId, {
        url: event.response.url,
        encoding: headers['content-encoding'] ?? 'none',
        // Bytes received when the response started: its status line and headers.
        headers: event.response.encodedDataLength,
      });
    });
    cdp.on('Network.loadingFinished', (event) => finished.push(event));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

    await page.goto(`${server.url}/orgs/${organization.body.slug}/people`, {
      waitUntil: 'networkidle',
    });
    await page.getByText(email).first().waitFor({ timeout: 30_000 });

    for (const { requestId, encodedDataLength } of finished) {
      const script = pending.get(requestId);
      if (!script) continue;
      const file = path.join(webDist, new URL(script.url).pathname);
      scripts.push({ ...script, transferred: encodedDataLength, built: statSync(file).size });
    }
  } finally {
    await browser.close();
  }
} finally {
  const code = await server.stop('SIGTERM');
  await database.drop();
  if (code !== 0) console.error(`server exited with ${code}:\n${server.output()}`);
}

if (scripts.length === 0) throw new Error('the members page loaded no script');
scripts.sort((a, b) => b.transferred - a.transferred);
const transferred = scripts.reduce((sum, s) => sum + s.transferred, 0);
const built = scripts.reduce((sum, s) => sum + s.built, 0);
const headers = scripts.reduce((sum, s) => sum + s.headers, 0);
console.info(
  `\nJavaScript for the members page in Chromium (${scripts.length} files, cold cache):`,
);
// eslint-disable-next-line no-console -- the benchmark prints a table
console.table(
  scripts.map((s) => ({
    file: new URL(s.url).pathname,
    encoding: s.encoding,
    transferred: kb(s.transferred),
    'of which headers': kb(s.headers),
    'as built': kb(s.built),
  })),
);
console.info(
  `Transferred ${kb(transferred)} of JavaScript: ${kb(transferred - headers)} of compressed ` +
    `bodies and ${kb(headers)} of response headers (${kb(built)} as built); ` +
    `target ≤ ${kb(TARGET)}: ${transferred <= TARGET ? 'met' : 'NOT met'}.`,
);
