import { authConfig } from '@kit/auth';
import { apiEnv } from './env';
import { startServer, stopOnSignals, type RunningServer } from './server';

// In development the Vite dev server serves the web app on APP_URL and proxies /api here.
const running: { server?: RunningServer } = {};
stopOnSignals(() => running.server);
const server = (running.server = await startServer({ port: apiEnv().devPort, serveWeb: false }));
console.info(`[api] listening on ${server.url}; open ${authConfig.appUrl}`);
