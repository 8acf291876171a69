import { developmentSecret, parseEnv } from '@kit/database';
import { z } from 'zod';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    APP_NAME: z.string().min(1).default('Kit'),
    APP_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .default('http://localhost:3000'),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_SIGNUP_MODE: z.enum(['open', 'invite-only']).default('open'),
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
}

export function authEnv(): AuthEnv {
  const env = parseEnv('@kit/auth', schema);
  return {
    appName: env.APP_NAME,
    appUrl: env.APP_URL.replace(/\/$/, ''),
    secret: env.BETTER_AUTH_SECRET ?? developmentSecret(),
    signupMode: env.AUTH_SIGNUP_MODE,
    production: env.NODE_ENV === 'production',
  };
}
