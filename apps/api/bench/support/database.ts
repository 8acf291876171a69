import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from '@kit/database/testing/server';

/**
 * A fresh database for a server process to run against: a new database on the PostgreSQL
 * server of TEST_DATABASE_URL/DATABASE_URL, or an embedded PGlite folder without one.
 */
export async function benchDatabase(prefix: string): Promise<{
  kind: 'PostgreSQL' | 'PGlite';
  env: Record<string, string>;
  drop(): Promise<void>;
}> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
    return { kind: 'PGlite', env: { KIT_DATA_DIR: dir }, drop: async () => {} };
  }
  const name = uniqueDatabaseName(prefix);
  await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  return {
    kind: 'PostgreSQL',
    env: { DATABASE_URL: withDatabaseName(serverUrl, name) },
    drop: () => dropDatabase(serverUrl, name),
  };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
