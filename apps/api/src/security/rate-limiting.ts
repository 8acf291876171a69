import { createHash } from 'node:crypto';
import { db } from '@kit/database';
import { requireAuthorized } from '@kit/organization';
import { enforceRateLimits, RateLimitedError } from '@kit/rate-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import type { SessionEnv } from '../session';
import { clientIp } from './client-ip';
import type { AuthRateLimit, RateLimits } from './rate-limits';

export type RateLimitEnv = { Variables: { rateLimits: RateLimits } };

/**
 * Makes `limits` the limits of the request, unless an app mounting this one (a test with
 * limits of its own) has chosen already.
 */
export const withRateLimits = (limits: RateLimits) =>
  createMiddleware<RateLimitEnv>(async (c, next) => {
    if (!c.get('rateLimits')) c.set('rateLimits', limits);
    await next();
  });

export function rateLimitsOf(c: Context): RateLimits {
  const limits = (c as Context<RateLimitEnv>).get('rateLimits');
  if (!limits) throw new Error('withRateLimits() must run before the routes');
  return limits;
}

/** 429 with Retry-After, in the API's error shape. */
export function rateLimitedResponse(err: Error): AppError | undefined {
  if (!(err instanceof RateLimitedError)) return undefined;
  return new AppError(
    429,
    err.code,
    err.message,
    { details: { retryAfter: err.retryAfterSeconds } },
    { 'Retry-After': String(err.retryAfterSeconds) },
  );
}

/** better-auth endpoints that guess passwords, create accounts or send email. */
const AUTH_ENDPOINTS: Record<
  string,
  {
    name: string;
    reason: string;
    limits: (all: RateLimits) => AuthRateLimit | Pick<AuthRateLimit, 'perIp'>;
    /** The body field holding the address the request is about (default `email`). */
    emailField?: string;
  }
> = {
  '/api/auth/sign-in/email': {
    name: 'sign-in',
    reason: 'Too many sign-in attempts',
    limits: (all) => all.signIn,
  },
  '/api/auth/sign-up/email': {
    name: 'sign-up',
    reason: 'Too many sign-up attempts',
    limits: (all) => all.signUp,
  },
  '/api/auth/request-password-reset': {
    name: 'password-reset',
    reason: 'Too many password reset requests',
    limits: (all) => all.passwordReset,
  },
  '/api/auth/send-verification-email': {
    name: 'verification-email',
    reason: 'Too many verification emails requested',
    limits: (all) => all.verificationEmail,
  },
  '/api/auth/change-email': {
    name: 'change-email',
    reason: 'Too many email address changes requested',
    limits: (all) => all.changeEmail,
    emailField: 'newEmail',
  },
  '/api/auth/change-password': {
    name: 'password-check',
    reason: 'Too many password attempts',
    limits: (all) => ({ perIp: all.passwordCheckPerIp }),
  },
  '/api/auth/delete-user': {
    name: 'password-check',
    reason: 'Too many password attempts',
    limits: (all) => ({ perIp: all.passwordCheckPerIp }),
  },
};

/**
 * Charges an auth request per client address and per email address (normalised, from the
 * body); throws RateLimitedError when over. The answer does not depend on whether an account
 * exists. The email key holds a hash: the table is no list of addresses people typed.
 */
export async function limitAuthRequest(c: Context): Promise<void> {
  const path = c.req.path
    .toLowerCase()
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '');
  const endpoint = AUTH_ENDPOINTS[path];
  if (!endpoint) return;
  const rules = endpoint.limits(rateLimitsOf(c));
  const perEmail = 'perEmail' in rules ? rules.perEmail : undefined;
  const email = perEmail ? await emailInBody(c.req.raw, endpoint.emailField) : undefined;
  await enforceRateLimits(db, [
    { key: `${endpoint.name}:ip:${clientIp(c)}`, rule: rules.perIp, reason: endpoint.reason },
    ...(email && perEmail
      ? [
          {
            key: `${endpoint.name}:email:${createHash('sha256').update(email).digest('hex')}`,
            rule: perEmail,
            reason: endpoint.reason,
          },
        ]
      : []),
  ]);
}

/** The `field` (default `email`) as better-auth will read it (JSON or form bodies), trimmed and lower-cased. */
async function emailInBody(request: Request, field = 'email'): Promise<string | undefined> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  let value: unknown;
  try {
    if (/^application\/([a-z0-9.+-]*\+)?json/.test(type)) {
      const body = (await request.clone().json()) as unknown;
      value =
        typeof body === 'object' && body ? (body as Record<string, unknown>)[field] : undefined;
    } else if (/application\/x-www-form-urlencoded|multipart\/form-data/.test(type)) {
      value = (await request.clone().formData()).get(field);
    }
  } catch {
    return undefined;
  }
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
}

/** Every request under /api/invitations/:token, per client address (the token is a secret). */
export const limitInvitationLinks = createMiddleware(async (c, next) => {
  await enforceRateLimits(db, [
    {
      key: `invitation-link:ip:${clientIp(c)}`,
      rule: rateLimitsOf(c).invitationLinkPerIp,
      reason: 'Too many requests for invitation links',
    },
  ]);
  await next();
});

/** Every request under /api/join/:token, per client address (the token is a secret). */
export const limitJoinLinks = createMiddleware(async (c, next) => {
  await enforceRateLimits(db, [
    {
      key: `join-link:ip:${clientIp(c)}`,
      rule: rateLimitsOf(c).joinLinkPerIp,
      reason: 'Too many requests for invite links',
    },
  ]);
  await next();
});

/**
 * "Retry now" on a webhook delivery (…/webhooks/:webhookId/deliveries/:deliveryId/retry): each
 * sends a request to the endpoint at once, so they are counted per organization. Only callers
 * who may manage the organization's webhooks are counted (others get the route's 401/403/404),
 * so nobody outside can use up an organization's allowance.
 */
export const limitWebhookRetries = createMiddleware<SessionEnv>(async (c, next) => {
  const actor = c.get('actor');
  const orgId = c.req.param('orgId');
  // A malformed id is left to the route's validation (400).
  if (actor && orgId && orgId.length <= 200) {
    await requireAuthorized(db, orgId, actor, { webhook: ['manage'] });
    await enforceRateLimits(db, [
      {
        key: `webhook-retry:org:${orgId}`,
        rule: rateLimitsOf(c).webhookRetriesPerOrganization,
        reason: 'Too many deliveries retried',
      },
    ]);
  }
  await next();
});
