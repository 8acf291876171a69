import { connectDatabase } from '../client';
import { databaseOptionsFromEnv } from '../env';

const connection = connectDatabase(databaseOptionsFromEnv());
await connection.migrate();
console.info(`Migrations applied (${connection.kind}).`);
await connection.close();
