import { authConfig } from '@kit/auth';
import { startServer, stopOnSignals } from './server';

const server = await startServer({ serveWeb: true });
stopOnSignals(server);
console.info(`[api] ${authConfig.appName} is running on ${server.url} (APP_URL ${authConfig.appUrl})`);
