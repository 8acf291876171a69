import { afterAll, inject } from 'vitest';
import { connectDatabase } from '../client';
import { useDatabase } from '../scope';
import {
  createDatabaseFromTemplate,
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withDatabaseName,
} from './server';

/**
 * Runs before every test file: gives the file a clean database of its own and installs it as
 * the process default, so `import { db } from '@kit/database'` in the code under test uses it.
 * DATABASE_URL points at it too, for child processes a test starts.
 */
const template = inject('kitTemplateDatabase');
const serverUrl = testServerUrl();

if (template && serverUrl) {
  const name = uniqueDatabaseName('kit_test');
  await createDatabaseFromTemplate(serverUrl, name, template);
  process.env.DATABASE_URL = withDatabaseName(serverUrl, name);
  delete process.env.PGLITE_DATA_DIR;
  const connection = connectDatabase({ url: process.env.DATABASE_URL, poolSize: 10 });
  useDatabase(connection);
  afterAll(async () => {
    await connection.close();
    await dropDatabase(serverUrl, name);
  });
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = 'memory://';
  const connection = connectDatabase({ pgliteDataDir: 'memory://' });
  await connection.migrate();
  useDatabase(connection);
  afterAll(() => connection.close());
}
