import { connectDatabase, type DatabaseConnection } from '../client';
import {
  createDatabaseFromTemplate,
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from './server';

export { testServerUrl } from './server';

export interface TestDatabase extends DatabaseConnection {
  /** The postgres:// URL of the new database, or undefined for in-memory PGlite. */
  url: string | undefined;
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated, isolated database: a new database on the test Postgres server when
 * TEST_DATABASE_URL or DATABASE_URL is set, an in-memory PGlite otherwise.
 * Pass `template` to clone an already migrated database (much faster than migrating).
 */
export async function createTestDatabase(
  options: { template?: string } = {},
): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const connection = connectDatabase({ pgliteDataDir: 'memory://' });
    await connection.migrate();
    return { ...connection, url: undefined, destroy: () => connection.close() };
  }
  const name = uniqueDatabaseName('kit_test');
  if (options.template) {
    await createDatabaseFromTemplate(serverUrl, name, options.template);
  } else {
    await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${name}"`));
  }
  const url = withDatabaseName(serverUrl, name);
  const connection = connectDatabase({ url, poolSize: 10 });
  if (!options.template) await connection.migrate();
  return {
    ...connection,
    url,
    async destroy() {
      await connection.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
