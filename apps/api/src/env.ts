import { parseEnv } from '@kit/database';
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  WEB_DIST_DIR: z.string().min(1).optional(),
  DEV_MAILBOX: z.enum(['on', 'off']).optional(),
  /** Where owners change their organization's plan (checkout or customer portal). */
  BILLING_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export function apiEnv() {
  const env = parseEnv('@kit/api', schema);
  return {
    port: env.PORT,
    devPort: env.API_PORT,
    webDistDir: env.WEB_DIST_DIR,
    /** The mailbox UI and JSON are for development; production must opt in. */
    devMailbox: (env.DEV_MAILBOX ?? (env.NODE_ENV === 'production' ? 'off' : 'on')) === 'on',
    billingUrl: env.BILLING_URL,
  };
}
