import { developmentSecret, parseEnv } from '@kit/database';
import { z } from 'zod';
import { DEFAULT_FROM } from './brand';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    EMAIL_TRANSPORT: z.enum(['mailbox', 'resend']).optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).optional(),
    EMAIL_LOGO_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    EMAIL_BODY_RETENTION_HOURS: z.coerce.number().int().min(0).max(8760).default(0),
    EMAIL_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.EMAIL_TRANSPORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_TRANSPORT'],
        message: 'must be set explicitly in production (mailbox or resend)',
      });
    }
    if (env.EMAIL_TRANSPORT === 'resend' && !env.RESEND_API_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['RESEND_API_KEY'],
        message: 'is required when EMAIL_TRANSPORT=resend',
      });
    }
    if (env.NODE_ENV === 'production' && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'must be set in production (queued email bodies are encrypted with it)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.EMAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['EMAIL_FROM'], message: 'must be set in production' });
    }
  });

export interface EmailEnv {
  transport: 'mailbox' | 'resend';
  from: string;
  resendApiKey: string | undefined;
  /** How long one request to Resend may take before it counts as failed (and is retried). */
  resendTimeoutMs: number;
  /** The app secret; queued bodies are sealed with a key derived from it. */
  secret: string;
  /** How long a body is kept after its message is sent, failed or canceled (0: purged at once). */
  bodyRetentionHours: number;
  /** Requests to the provider the delivery worker keeps in flight at most. */
  deliveryConcurrency: number;
}

const variables = Object.keys(schema.shape);
let cached: { key: string; env: EmailEnv } | undefined;

/**
 * The email settings, validated once per distinct environment: every enqueue reads them, so
 * the schema runs again only when one of its variables changed (tests change them).
 */
export function emailEnv(): EmailEnv {
  const key = variables.map((name) => process.env[name] ?? '').join('\u0000');
  if (cached?.key !== key) cached = { key, env: parseEmailEnv() };
  return cached.env;
}

function parseEmailEnv(): EmailEnv {
  const env = parseEnv('@kit/email', schema);
  return {
    transport: env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? 'resend' : 'mailbox'),
    from: env.EMAIL_FROM ?? DEFAULT_FROM,
    resendApiKey: env.RESEND_API_KEY,
    resendTimeoutMs: env.RESEND_TIMEOUT_MS ?? 15_000,
    secret: env.BETTER_AUTH_SECRET ?? developmentSecret(),
    bodyRetentionHours: env.EMAIL_BODY_RETENTION_HOURS,
    deliveryConcurrency: env.EMAIL_DELIVERY_CONCURRENCY,
  };
}
