import { authConfig } from '@kit/auth';
import { getMailer } from '@kit/email';
import { Hono } from 'hono';

/** What the web app needs to know about this deployment before anyone signs in. */
export const configRoutes = new Hono().get('/', (c) =>
  c.json({
    productName: authConfig.appName,
    signupMode: authConfig.signupMode,
    emailTransport: getMailer().transport,
  }),
);
