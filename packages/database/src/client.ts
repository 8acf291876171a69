import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { dataDir } from './data-dir';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type application code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** A database or a transaction: what a service needs to run its queries. */
export type Executor = Database | Transaction;

export interface DatabaseConnection {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Applies the committed migrations (idempotent; safe with several processes on one server). */
  migrate(): Promise<void>;
  /**
   * Runs `queries` as one transaction sent in one write (begin, the queries, commit), without
   * waiting for an answer in between: see `transactionPipeline` in ./scope.ts. Drivers that
   * cannot pipeline leave it out.
   */
  pipeline?(queries: readonly PipelineQuery[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/**
 * The committed migrations: `drizzle/` beside the running module in the built server
 * (apps/api/scripts/build.mjs copies them into dist/), this package's `drizzle/` otherwise.
 */
export const migrationsFolder = ((here: string) =>
  existsSync(path.join(here, 'drizzle', 'meta', '_journal.json'))
    ? path.join(here, 'drizzle')
    : path.resolve(here, '../drizzle'))(path.dirname(fileURLToPath(import.meta.url)));

/** A statement ready for the driver: its text with $n placeholders, and its parameters. */
export interface PipelineQuery {
  sql: string;
  params: unknown[];
}

const MIGRATION_LOCK_KEY = 7_240_815_001;

export interface ConnectOptions {
  /** A postgres:// URL; without it, an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  pgliteDataDir?: string;
  poolSize?: number;
}

export function connectDatabase(options: ConnectOptions = {}): DatabaseConnection {
  if (options.url) return connectPostgres(options.url, options.poolSize ?? 10);
  return connectPglite(options.pgliteDataDir ?? dataDir('pglite'));
}

function connectPostgres(url: string, poolSize: number): DatabaseConnection {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // A dedicated connection holds an advisory lock so that two processes starting
      // together do not apply the same migration twice.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
    pipeline: (queries) => pipelinePostgres(client, queries),
  };
}

/**
 * begin, the queries and commit on one reserved connection, written together: postgres.js
 * pipelines them, so the transaction costs one round trip, and a row lock taken by one of the
 * queries is held only while the server runs the rest (no client round trip inside it). When a
 * query fails, the server skips the rest of the transaction and answers the commit with a
 * rollback; the first error is thrown once every answer is in and the connection is back.
 */
async function pipelinePostgres(
  client: postgres.Sql,
  queries: readonly PipelineQuery[],
): Promise<unknown[][]> {
  const reserved = await client.reserve();
  try {
    const sent = [
      reserved.unsafe('begin'),
      // Prepared (kept by each connection, by their text): a statement with parameters that is
      // not prepared goes out as parse-and-describe, and postgres.js binds it only once the
      // server's description is back, a round trip per statement with the transaction open.
      // Prepared ones are bound and run in the same write as begin and commit.
      ...queries.map((q) =>
        reserved.unsafe(q.sql, q.params as postgres.ParameterOrJSON<never>[], { prepare: true }),
      ),
      reserved.unsafe('commit'),
    ];
    const settled = await Promise.allSettled(sent);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return settled
      .slice(1, -1)
      .map((s) => [...((s as PromiseFulfilledResult<unknown[]>).value ?? [])]);
  } finally {
    reserved.release();
  }
}

function connectPglite(dataDirectory: string): DatabaseConnection {
  const release = dataDirectory.startsWith('memory://')
    ? () => {}
    : claimDataDirectory(dataDirectory);
  const client = new PGlite(dataDirectory);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * PGlite is one process's database: two processes opening the same folder would corrupt it.
 * A pid file next to the folder turns that into a clear error.
 */
function claimDataDirectory(dataDirectory: string): () => void {
  const pidFile = `${path.resolve(dataDirectory)}.pid`;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDirectory} is in use by process ${pid} (probably \`pnpm dev\` or \`pnpm start\`). ` +
          'Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.',
      );
    }
  }
  writeFileSync(pidFile, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) unlinkSync(pidFile);
    } catch {
      /* already gone */
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
