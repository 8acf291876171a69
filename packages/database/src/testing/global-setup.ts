import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../client';
import {
  dropDatabase,
  testServerUrl,
  uniqueDatabaseName,
  withAdminClient,
  withDatabaseName,
} from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    kitTemplateDatabase: string | null;
  }
}

/**
 * On a Postgres server, migrate one template database per run; each test file then gets
 * its own copy of it (see setup-file.ts). With PGlite there is nothing to share.
 */
export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    project.provide('kitTemplateDatabase', null);
    return;
  }
  const template = uniqueDatabaseName('kit_template');
  await withAdminClient(serverUrl, (sql) => sql.unsafe(`create database "${template}"`));
  const connection = connectDatabase({ url: withDatabaseName(serverUrl, template), poolSize: 1 });
  try {
    await connection.migrate();
  } finally {
    await connection.close();
  }
  project.provide('kitTemplateDatabase', template);
  return () => dropDatabase(serverUrl, template);
}
