import { closeDatabase, migrateDatabase } from '@kit/database';
import { run } from './run';

await migrateDatabase();
const code = await run(process.argv.slice(2));
await closeDatabase();
process.exit(code);
