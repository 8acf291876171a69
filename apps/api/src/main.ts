import { invitationRegistries } from '@kit/organization-policies/registry';
import { createKit, kitConfigFromEnv, useKit } from './kit';
import { startServer, stopOnSignals, type RunningServer } from './server';

const kit = createKit(kitConfigFromEnv(invitationRegistries));
useKit(kit);
const running: { server?: RunningServer } = {};
stopOnSignals(kit, () => running.server);
const server = (running.server = await startServer(kit, { serveWeb: true }));
console.info(
  `[api] ${kit.runtime.appName} is running on ${server.url} (APP_URL ${kit.runtime.appUrl})`,
);
