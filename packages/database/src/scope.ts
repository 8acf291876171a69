import { AsyncLocalStorage } from 'node:async_hooks';
import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Database, DatabaseConnection, Executor, Transaction } from './client';
import { rowsOf } from './sql';

/**
 * Which database `db` means right now, most specific first:
 * 1. the transaction of the operation currently running (`db.transaction()` binds it),
 * 2. the database of the kit in scope (`runWithDatabase()`, per request / command / worker round),
 * 3. the process default (`useDatabase()`, installed by the composition root).
 */
interface TransactionFrame {
  tx: Transaction;
  /** False once the transaction's callback has settled: work it started later (a timer) must not use it. */
  open: boolean;
  parent: TransactionFrame | undefined;
}
const transactionScope = new AsyncLocalStorage<TransactionFrame>();
const databaseScope = new AsyncLocalStorage<DatabaseConnection>();
let processDefault: DatabaseConnection | undefined;

export class DatabaseNotConfiguredError extends Error {
  constructor() {
    super(
      'No database is configured. Build the kit with createKit({ database }) (apps/api/src/kit.ts), ' +
        'or install a connection with useDatabase(connectDatabase({ url })) before using `db`.',
    );
    this.name = 'DatabaseNotConfiguredError';
  }
}

/**
 * Makes `connection` the process-wide default for `db` (null removes it); returns a function
 * restoring the previous default.
 */
export function useDatabase(connection: DatabaseConnection | null): () => void {
  const previous = processDefault;
  processDefault = connection ?? undefined;
  return () => {
    if (processDefault === (connection ?? undefined)) processDefault = previous;
  };
}

/** Runs `fn` with `connection` as the database `db` resolves to (outside a transaction). */
export function runWithDatabase<T>(connection: DatabaseConnection, fn: () => T): T {
  return databaseScope.run(connection, fn);
}

/**
 * Runs `fn` with `tx` as the database `db` resolves to (a policy's plain `db` joins the
 * operation) until `fn` settles; anything it leaves running afterwards gets the database again.
 */
export async function runInTransaction<T>(tx: Transaction, fn: () => Promise<T>): Promise<T> {
  const frame: TransactionFrame = { tx, open: true, parent: transactionScope.getStore() };
  try {
    return await transactionScope.run(frame, fn);
  } finally {
    frame.open = false;
  }
}

function openTransaction(): Transaction | undefined {
  for (let frame = transactionScope.getStore(); frame; frame = frame.parent) {
    if (frame.open) return frame.tx;
  }
  return undefined;
}

/** The connection in scope (or the process default); throws a configuration error without one. */
export function currentConnection(): DatabaseConnection {
  const connection = databaseScope.getStore() ?? processDefault;
  if (!connection) throw new DatabaseNotConfiguredError();
  return connection;
}

/** The executor `db` resolves to at this moment. */
export function currentExecutor(): Executor {
  return openTransaction() ?? currentConnection().db;
}

/**
 * The application's database handle. It holds no connection itself: each use resolves to the
 * current transaction, the kit's database, or the process default (see above). Its
 * `transaction()` binds the transaction for everything the callback awaits.
 */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const target = currentExecutor();
    if (property === 'transaction') {
      const transaction = target.transaction.bind(target) as Database['transaction'];
      return ((fn, config) =>
        transaction((tx) => runInTransaction(tx, () => fn(tx)), config)) as Database['transaction'];
    }
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === 'function' ? value.bind(target) : value;
  },
  has: (_target, property) => Reflect.has(currentExecutor(), property),
  getPrototypeOf: () => {
    const connection = databaseScope.getStore() ?? processDefault;
    return connection ? Reflect.getPrototypeOf(connection.db) : Object.prototype;
  },
});

interface PreparingExecutor {
  dialect: PgDialect;
  session: {
    prepareQuery(
      query: ReturnType<PgDialect['sqlToQuery']>,
      fields: undefined,
      name: string,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<unknown> };
  };
}

/**
 * Runs `statement` as a prepared statement where the driver has them: on PostgreSQL it is parsed
 * and planned once per connection, then only bound and run (postgres.js keeps it by its SQL
 * text). postgres.js sends any other statement with parameters in two steps, waiting for the
 * server to describe it before binding it; a prepared one is bound and run in one write, so
 * statements pipelined on a transaction's connection reach the server back to back.
 *
 * For statements whose text takes a handful of shapes (a page query's sort orders, an `unnest`
 * insert's columns), not for text that varies with the data (a VALUES list per row), which would
 * stay prepared on every connection. `on` is the executor to run it on (a transaction); the one
 * in scope by default. A connection pooler in transaction mode must support prepared statements
 * (PgBouncer 1.21 and later, with `max_prepared_statements`).
 */
export async function executePrepared<T>(
  statement: SQL,
  on: Executor = currentExecutor(),
): Promise<T[]> {
  const executor = on as unknown as PreparingExecutor;
  const query = executor.session.prepareQuery(
    executor.dialect.sqlToQuery(statement),
    undefined,
    'prepared',
    false,
  );
  return rowsOf<T>(await query.execute());
}

/**
 * Runs `statements` in order, in one transaction, and returns each one's rows. On PostgreSQL,
 * outside any transaction, they go to the server in one write with begin and commit (one round
 * trip, see DatabaseConnection.pipeline), so nothing the caller's code does sits between them:
 * use it for a transaction whose statements do not depend on each other's answers (a lock, then
 * a statement that checks and writes). Inside a transaction (`db.transaction`), or on PGlite,
 * they run one after another in a nested transaction (a savepoint inside another one). An error
 * in any statement rolls them all back and is thrown.
 */
export async function transactionPipeline(statements: readonly SQL[]): Promise<unknown[][]> {
  const connection = currentConnection();
  if (!openTransaction() && connection.pipeline) {
    const dialect = (connection.db as unknown as { dialect: PgDialect }).dialect;
    return connection.pipeline(statements.map((statement) => dialect.sqlToQuery(statement)));
  }
  return db.transaction(async (tx) => {
    const results: unknown[][] = [];
    for (const statement of statements) results.push(rowsOf(await tx.execute(statement)));
    return results;
  });
}
