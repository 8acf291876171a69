import { parseEnv } from '@kit/database';
import type { InvitationLimits } from '@kit/organization';
import { parseDuration, parseRule, type RateLimitRule } from '@kit/rate-limit';
import { z } from 'zod';

/**
 * Every rate limit of the API, in one place. Each is "max/window" (e.g. `10/15m`; units s, m,
 * h, d) and can be overridden by the environment variable named next to it; documented in the
 * README ("Rate limits") and .env.example.
 */
export const RATE_LIMIT_DEFAULTS = {
  /** Sign-in attempts per client address. */
  RATE_LIMIT_SIGN_IN_PER_IP: '30/15m',
  /** Sign-in attempts per email address (existing account or not: the answer is the same). */
  RATE_LIMIT_SIGN_IN_PER_EMAIL: '10/15m',
  RATE_LIMIT_SIGN_UP_PER_IP: '10/1h',
  RATE_LIMIT_SIGN_UP_PER_EMAIL: '3/1h',
  RATE_LIMIT_PASSWORD_RESET_PER_IP: '10/1h',
  RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: '3/1h',
  RATE_LIMIT_VERIFICATION_EMAIL_PER_IP: '10/1h',
  RATE_LIMIT_VERIFICATION_EMAIL_PER_EMAIL: '3/1h',
  /** Requests to move an account to another address (each sends two emails). */
  RATE_LIMIT_CHANGE_EMAIL_PER_IP: '10/1h',
  /** Per new address asked for. */
  RATE_LIMIT_CHANGE_EMAIL_PER_EMAIL: '3/1h',
  /** Changing the password and deleting the account: each checks the current password. */
  RATE_LIMIT_PASSWORD_CHECK_PER_IP: '10/15m',
  /** Requests to /api/invitations/:token (look up, accept, decline, sign up) per client address. */
  RATE_LIMIT_INVITATION_LINK_PER_IP: '60/15m',
  /** Requests to /api/join/:token (preview, join, sign up through an invite link) per client address. */
  RATE_LIMIT_JOIN_LINK_PER_IP: '60/15m',
  /** Invitation emails (new, resent, bulk rows) one person may send, across organizations. */
  RATE_LIMIT_INVITATIONS_PER_INVITER: '200/1h',
  RATE_LIMIT_INVITATIONS_PER_ORGANIZATION: '500/1h',
  /** Invitation emails one address may receive, across organizations. */
  RATE_LIMIT_INVITATIONS_PER_ADDRESS: '10/1d',
  RATE_LIMIT_BULK_IMPORTS_PER_ORGANIZATION: '20/1h',
  /** Domain verification codes sent (adding a domain or asking for a new code). */
  RATE_LIMIT_DOMAIN_CODES_PER_ORGANIZATION: '10/1h',
  RATE_LIMIT_DOMAIN_CODES_PER_IP: '20/1h',
  /** Domain verification codes tried (each code also allows only 5 tries). */
  RATE_LIMIT_DOMAIN_VERIFY_PER_ORGANIZATION: '30/1h',
  RATE_LIMIT_DOMAIN_VERIFY_PER_IP: '30/1h',
  /** Requests made with one organization API key (`Authorization: Bearer kit_…`). */
  RATE_LIMIT_API_KEY_REQUESTS: '300/1m',
  /** "Retry now" on webhook deliveries (each sends a request to the endpoint at once). */
  RATE_LIMIT_WEBHOOK_RETRIES_PER_ORGANIZATION: '20/1m',
} as const;

export type RateLimitName = keyof typeof RATE_LIMIT_DEFAULTS;

/** Wait between two sends of one invitation (a duration: `60s`, `2m`; `0s` for none). */
export const RESEND_COOLDOWN_DEFAULT = '60s';

export interface AuthRateLimit {
  perIp: RateLimitRule;
  perEmail: RateLimitRule;
}

export interface RateLimits {
  signIn: AuthRateLimit;
  signUp: AuthRateLimit;
  passwordReset: AuthRateLimit;
  verificationEmail: AuthRateLimit;
  changeEmail: AuthRateLimit;
  /** Requests that check the signed-in person's current password (no email in the body). */
  passwordCheckPerIp: RateLimitRule;
  invitationLinkPerIp: RateLimitRule;
  joinLinkPerIp: RateLimitRule;
  domains: {
    codesSent: { perOrganization: RateLimitRule; perIp: RateLimitRule };
    codesTried: { perOrganization: RateLimitRule; perIp: RateLimitRule };
  };
  invitations: InvitationLimits;
  /** Per organization API key, every request made with it. */
  apiKeyRequests: RateLimitRule;
  webhookRetriesPerOrganization: RateLimitRule;
}

const rule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): RateLimitRule => {
      const parsed = parseRule(text);
      if (!parsed) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be "max/window", e.g. 10/15m (units s, m, h, d)',
        });
        return z.NEVER;
      }
      return parsed;
    });

const schema = z.object({
  ...(Object.fromEntries(
    Object.entries(RATE_LIMIT_DEFAULTS).map(([name, value]) => [name, rule(value)]),
  ) as Record<RateLimitName, ReturnType<typeof rule>>),
  RATE_LIMIT_INVITATION_RESEND_COOLDOWN: z
    .string()
    .default(RESEND_COOLDOWN_DEFAULT)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration, e.g. 60s or 2m' });
        return z.NEVER;
      }
      return ms;
    }),
});

/** The limits from the environment, defaults filled in; names every malformed variable. */
export function rateLimitConfig(source: NodeJS.ProcessEnv = process.env): RateLimits {
  const env = parseEnv('@kit/api', schema, source);
  return {
    signIn: { perIp: env.RATE_LIMIT_SIGN_IN_PER_IP, perEmail: env.RATE_LIMIT_SIGN_IN_PER_EMAIL },
    signUp: { perIp: env.RATE_LIMIT_SIGN_UP_PER_IP, perEmail: env.RATE_LIMIT_SIGN_UP_PER_EMAIL },
    passwordReset: {
      perIp: env.RATE_LIMIT_PASSWORD_RESET_PER_IP,
      perEmail: env.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL,
    },
    verificationEmail: {
      perIp: env.RATE_LIMIT_VERIFICATION_EMAIL_PER_IP,
      perEmail: env.RATE_LIMIT_VERIFICATION_EMAIL_PER_EMAIL,
    },
    changeEmail: {
      perIp: env.RATE_LIMIT_CHANGE_EMAIL_PER_IP,
      perEmail: env.RATE_LIMIT_CHANGE_EMAIL_PER_EMAIL,
    },
    passwordCheckPerIp: env.RATE_LIMIT_PASSWORD_CHECK_PER_IP,
    invitationLinkPerIp: env.RATE_LIMIT_INVITATION_LINK_PER_IP,
    joinLinkPerIp: env.RATE_LIMIT_JOIN_LINK_PER_IP,
    domains: {
      codesSent: {
        perOrganization: env.RATE_LIMIT_DOMAIN_CODES_PER_ORGANIZATION,
        perIp: env.RATE_LIMIT_DOMAIN_CODES_PER_IP,
      },
      codesTried: {
        perOrganization: env.RATE_LIMIT_DOMAIN_VERIFY_PER_ORGANIZATION,
        perIp: env.RATE_LIMIT_DOMAIN_VERIFY_PER_IP,
      },
    },
    invitations: {
      perInviter: env.RATE_LIMIT_INVITATIONS_PER_INVITER,
      perOrganization: env.RATE_LIMIT_INVITATIONS_PER_ORGANIZATION,
      perAddress: env.RATE_LIMIT_INVITATIONS_PER_ADDRESS,
      resendCooldownMs: env.RATE_LIMIT_INVITATION_RESEND_COOLDOWN,
      bulkImportsPerOrganization: env.RATE_LIMIT_BULK_IMPORTS_PER_ORGANIZATION,
    },
    apiKeyRequests: env.RATE_LIMIT_API_KEY_REQUESTS,
    webhookRetriesPerOrganization: env.RATE_LIMIT_WEBHOOK_RETRIES_PER_ORGANIZATION,
  };
}
