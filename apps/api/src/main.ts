import { authConfig } from '@kit/auth';
import { startServer, stopOnSignals, type RunningServer } from './server';

let server: RunningServer | undefined;
stopOnSignals(() => server);
server = await startServer({ serveWeb: true });
console.info(`[api] ${authConfig.appName} is running on ${server.url} (APP_URL ${authConfig.appUrl})`);
