import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { dataDir } from './data-dir';

let testSecret: string | undefined;

/**
 * The app secret outside production when BETTER_AUTH_SECRET is not set: generated once and kept
 * under .data/ so sessions (and queued mail, which is sealed with a key derived from it) survive
 * restarts; per process in tests. Shared here so every package derives from the same secret.
 */
export function developmentSecret(): string {
  if (process.env.NODE_ENV === 'test')
    return (testSecret ??= randomBytes(32).toString('base64url'));
  const file = path.join(dataDir(), 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  console.warn(
    `[auth] BETTER_AUTH_SECRET is not set; using a generated development secret from ${file}`,
  );
  return secret;
}
