import { getMailer } from '@kit/email';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { apiEnv } from './env';
import { handleError, notFound } from './errors';
import { authRoutes } from './routes/auth';
import { configRoutes } from './routes/config';
import { devMailboxRoutes } from './routes/dev-mailbox';
import { healthRoutes } from './routes/health';

const env = apiEnv();

export const api = new Hono()
  .route('/auth', authRoutes)
  .route('/health', healthRoutes)
  .route('/config', configRoutes);

if (env.devMailbox && getMailer().transport === 'mailbox') {
  api.route('/dev/mailbox', devMailboxRoutes);
}

/** The HTTP application: everything under /api. The server adds the web app around it. */
export const app = new Hono()
  .use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  .route('/api', api);

api.notFound(notFound);
app.notFound(notFound);
app.onError(handleError);

export type AppType = typeof app;
