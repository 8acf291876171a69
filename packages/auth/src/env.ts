import { brand } from '@kit/brand';
import { developmentSecret, parseEnv } from '@kit/database';
import { z } from 'zod';
import { allowedOrigins } from './origins';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_NAME: z.string().min(1).default(brand.name),
    APP_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000'),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_SIGNUP_MODE: z.enum(['open', 'invite-only']).default('open'),
    TRUSTED_ORIGINS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const origins = parseOriginList(value ?? '');
        for (const bad of origins.invalid) {
          ctx.addIssue({
            code: 'custom',
            message: `"${bad}" is not an origin: use a comma-separated list such as https://admin.example.com,http://localhost:5173 (scheme, host and port only; no path or wildcard)`,
          });
        }
        return origins.valid;
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'must be set in production (generate one with `openssl rand -base64 32`)',
      });
    }
  });

export type SignupMode = 'open' | 'invite-only';

export interface AuthEnv {
  appName: string;
  appUrl: string;
  secret: string;
  signupMode: SignupMode;
  production: boolean;
  /**
   * Origins allowed to send state-changing requests: APP_URL's origin, then TRUSTED_ORIGINS.
   * The same list goes to better-auth and to the API's origin check.
   */
  trustedOrigins: string[];
}

export function authEnv(): AuthEnv {
  const env = parseEnv('@kit/auth', schema);
  return {
    appName: env.APP_NAME,
    appUrl: env.APP_URL.replace(/\/$/, ''),
    trustedOrigins: allowedOrigins(env.APP_URL, env.TRUSTED_ORIGINS),
    secret: env.BETTER_AUTH_SECRET ?? developmentSecret(),
    signupMode: env.AUTH_SIGNUP_MODE,
    production: env.NODE_ENV === 'production',
  };
}

/** Splits a comma-separated list into exact http(s) origins and the entries that are not one. */
function parseOriginList(value: string): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    if (!entry) continue;
    const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
    const isOrigin =
      /^https?:\/\/[^*]+$/i.test(entry) &&
      origin !== 'null' &&
      entry.replace(/\/$/, '').toLowerCase() === origin;
    (isOrigin ? valid : invalid).push(isOrigin ? origin : entry);
  }
  return { valid, invalid };
}
