import type { SignupMode } from '@kit/auth';
import type { EmailTransport } from '@kit/email';
import { Hono } from 'hono';

export interface PublicConfig {
  productName: string;
  signupMode: SignupMode;
  emailTransport: EmailTransport['name'];
}

/** What the web app needs to know about this deployment before anyone signs in. */
export const configRoutes = (config: PublicConfig) => new Hono().get('/', (c) => c.json(config));
