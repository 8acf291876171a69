import { currentConnection } from './scope';

export * from './schema';
export {
  connectDatabase,
  migrationsFolder,
  type ConnectOptions,
  type Database,
  type DatabaseConnection,
  type Executor,
  type PipelineQuery,
  type Transaction,
} from './client';
export { dataDir, workspaceRoot } from './data-dir';
export { developmentSecret } from './development-secret';
export { newId } from './ids';
export { databaseEnv, databaseEnvSchema, databaseOptionsFromEnv } from './env';
export { InvalidEnvironmentError, loadDotenv, parseEnv } from './load-env';
export {
  currentConnection,
  currentExecutor,
  executePrepared,
  db,
  DatabaseNotConfiguredError,
  runInTransaction,
  runWithDatabase,
  transactionPipeline,
  useDatabase,
} from './scope';
export {
  insertUnnest,
  isUniqueViolation,
  pgArray,
  rowsOf,
  type PgArrayType,
  type UnnestColumn,
} from './sql';

/** Applies the migrations to the database in scope (see `currentConnection`). */
export const migrateDatabase = (): Promise<void> => currentConnection().migrate();
/** Closes the database in scope. */
export const closeDatabase = (): Promise<void> => currentConnection().close();

/** True when the database in scope answers a trivial query. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await currentConnection().db.execute('select 1');
    return true;
  } catch {
    return false;
  }
}
