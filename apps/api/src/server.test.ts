import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** `pnpm start` as a real process: serves the web app and the API, and stops cleanly on SIGTERM. */
describe('the production server process', () => {
  it('serves the built web app and the API on one port, then exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kit-server-'));
    const web = path.join(dir, 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>web app test shell</title>');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: '0',
      KIT_DATA_DIR: path.join(dir, 'data'),
      WEB_DIST_DIR: web,
      NODE_ENV: 'development',
    };
    delete env.PGLITE_DATA_DIR;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '..'),
      env,
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );

    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
      child.stdout.on('data', () => {
        const match = /running on (http:\/\/localhost:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({
      status: 'ok',
      database: 'up',
    });
    const page = await fetch(`${url}/orgs/acme/members`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('web app test shell');
    expect((await fetch(`${url}/api/nope`)).status).toBe(404);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM received, shutting down');
    // The embedded database was closed and released.
    expect(existsSync(path.join(dir, 'data', 'pglite.pid'))).toBe(false);
  }, 120_000);
});
