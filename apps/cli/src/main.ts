import { createKit, kitConfigFromEnv } from '@kit/api/kit';
import { invitationRegistries } from '@kit/organization-policies/registry';
import { run } from './run';

// The same composition as the API server: the application's registries, database and settings.
const kit = createKit(kitConfigFromEnv(invitationRegistries));
await kit.migrate();
const code = await kit.run(() => run(process.argv.slice(2)));
await kit.close();
process.exit(code);
