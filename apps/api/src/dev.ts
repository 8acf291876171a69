import { invitationRegistries } from '@kit/organization-policies/registry';
import { apiEnv } from './env';
import { createKit, kitConfigFromEnv, useKit } from './kit';
import { startServer, stopOnSignals, type RunningServer } from './server';

// In development the Vite dev server serves the web app on APP_URL and proxies /api here.
const kit = createKit(kitConfigFromEnv(invitationRegistries));
useKit(kit);
const running: { server?: RunningServer } = {};
stopOnSignals(kit, () => running.server);
const server = (running.server = await startServer(kit, {
  port: apiEnv().devPort,
  serveWeb: false,
}));
console.info(`[api] listening on ${server.url}; open ${kit.runtime.appUrl}`);
