import { closeDatabase, connection, migrateDatabase } from '../index';

await migrateDatabase();
console.info(`Migrations applied (${connection.kind}).`);
await closeDatabase();
