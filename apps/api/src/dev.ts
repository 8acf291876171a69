import { authConfig } from '@kit/auth';
import { apiEnv } from './env';
import { startServer, stopOnSignals } from './server';

// In development the Vite dev server serves the web app on APP_URL and proxies /api here.
const server = await startServer({ port: apiEnv().devPort, serveWeb: false });
stopOnSignals(server);
console.info(`[api] listening on ${server.url}; open ${authConfig.appUrl}`);
