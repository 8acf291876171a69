import { afterAll, inject } from 'vitest';
import {
  createDatabaseFromTemplate,
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withDatabaseName,
} from './server';

/**
 * Runs before every test file: points DATABASE_URL (or PGlite) at a clean database of the
 * file's own, so `import { db } from '@kit/database'` in the code under test uses it.
 */
const template = inject('kitTemplateDatabase');
const serverUrl = testServerUrl();

if (template && serverUrl) {
  const name = uniqueDatabaseName('kit_test');
  await createDatabaseFromTemplate(serverUrl, name, template);
  process.env.DATABASE_URL = withDatabaseName(serverUrl, name);
  delete process.env.PGLITE_DATA_DIR;
  afterAll(async () => {
    const { closeDatabase } = await import('../index');
    await closeDatabase();
    await dropDatabase(serverUrl, name);
  });
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = 'memory://';
  const { migrateDatabase, closeDatabase } = await import('../index');
  await migrateDatabase();
  afterAll(() => closeDatabase());
}
