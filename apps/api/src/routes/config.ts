import type { SignupMode } from '@kit/auth';
import type { EmailTransport } from '@kit/email';
import { z } from 'zod';
import { defineRoute, json, router } from '../openapi/route';

export interface PublicConfig {
  productName: string;
  signupMode: SignupMode;
  emailTransport: EmailTransport['name'];
}

const publicConfigSchema = z.object({
  productName: z.string(),
  signupMode: z.string(),
  emailTransport: z.string(),
});

const config = defineRoute({
  method: 'get',
  path: '/',
  tags: ['Deployment'],
  summary: 'What the web app needs to know before anyone signs in',
  responses: { 200: json(publicConfigSchema, 'The public configuration') },
});

/** What the web app needs to know about this deployment before anyone signs in. */
export const configRoutes = (publicConfig: PublicConfig) =>
  router().openapi(config, (c) => c.json(publicConfig, 200));
