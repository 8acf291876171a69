import { connectDatabase, type Database, type DatabaseConnection } from './client';
import { databaseEnv } from './env';

export * from './schema';
export {
  connectDatabase,
  migrationsFolder,
  type ConnectOptions,
  type Database,
  type DatabaseConnection,
  type Executor,
  type Transaction,
} from './client';
export { dataDir, workspaceRoot } from './data-dir';
export { developmentSecret } from './development-secret';
export { databaseEnv, databaseEnvSchema } from './env';
export { InvalidEnvironmentError, loadDotenv, parseEnv } from './load-env';
export { isUniqueViolation, rowsOf } from './sql';

const env = databaseEnv();

/** The application's connection, configured from the environment (DATABASE_URL or PGlite). */
export const connection: DatabaseConnection = connectDatabase({
  url: env.DATABASE_URL,
  pgliteDataDir: env.PGLITE_DATA_DIR,
  poolSize: env.DATABASE_POOL_SIZE,
});

export const db: Database = connection.db;

export const migrateDatabase = (): Promise<void> => connection.migrate();
export const closeDatabase = (): Promise<void> => connection.close();

/** True when the database answers a trivial query. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await connection.db.execute('select 1');
    return true;
  } catch {
    return false;
  }
}
