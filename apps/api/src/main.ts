import { authConfig } from '@kit/auth';
import { startServer, stopOnSignals, type RunningServer } from './server';

const running: { server?: RunningServer } = {};
stopOnSignals(() => running.server);
const server = (running.server = await startServer({ serveWeb: true }));
console.info(
  `[api] ${authConfig.appName} is running on ${server.url} (APP_URL ${authConfig.appUrl})`,
);
