import type { LookupFunction } from 'node:net';
import { parseEnv } from '@kit/database';
import { z } from 'zod';

/** How the kit's webhooks behave; `webhookSettingsFromEnv` reads them from the environment. */
export interface WebhookSettings {
  /** The app secret (BETTER_AUTH_SECRET): endpoint signing secrets are sealed under it. */
  appSecret: string;
  /**
   * Allows http:// URLs and private, loopback and link-local addresses: for local testing only
   * (WEBHOOK_ALLOW_PRIVATE_URLS). Off: only https to public addresses.
   */
  allowPrivateUrls: boolean;
  /** How long one POST may take, connection included (WEBHOOK_TIMEOUT_MS, default 10 s). */
  timeoutMs: number;
  /** An endpoint whose deliveries all failed for this many days is disabled (WEBHOOK_DISABLE_AFTER_DAYS). */
  disableAfterDays: number;
  /** Delay before each retry; once they are used up the delivery fails. */
  retryScheduleMs: readonly number[];
  /** Host name resolution (defaults to the system's); every address it returns is checked. */
  lookup?: LookupFunction;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over about a day and a day's night. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    WEBHOOK_ALLOW_PRIVATE_URLS: flag.default(false),
    WEBHOOK_ALLOW_PRIVATE_URLS_IN_PRODUCTION: flag.default(false),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    WEBHOOK_DISABLE_AFTER_DAYS: z.coerce.number().min(0.001).max(365).default(5),
  })
  .superRefine((env, ctx) => {
    if (
      env.NODE_ENV === 'production' &&
      env.WEBHOOK_ALLOW_PRIVATE_URLS &&
      !env.WEBHOOK_ALLOW_PRIVATE_URLS_IN_PRODUCTION
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_PRIVATE_URLS'],
        message:
          'lets webhooks reach private and loopback addresses over plain http, for local testing; it is refused in production (set WEBHOOK_ALLOW_PRIVATE_URLS_IN_PRODUCTION=true to force it)',
      });
    }
  });

export function webhookSettingsFromEnv(
  appSecret: string,
  source: NodeJS.ProcessEnv = process.env,
): WebhookSettings {
  const env = parseEnv('@kit/webhooks', schema, source);
  return {
    appSecret,
    allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    disableAfterDays: env.WEBHOOK_DISABLE_AFTER_DAYS,
    retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS,
  };
}
