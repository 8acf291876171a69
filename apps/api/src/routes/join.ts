import { joinWithInviteLink, previewInviteLink, signUpWithInviteLink } from '@kit/organization';
import { enforceRateLimits } from '@kit/rate-limit';
import { db } from '@kit/database';
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { defineRoute, json, jsonBody, router } from '../openapi/route';
import { clientIp } from '../security/client-ip';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  inviteLinkPreviewResponse,
  joinBody,
  joinedResponse,
  joinSignUpBody,
  joinSignUpResponse,
  requestedResponse,
  tokenParams,
} from './join-schemas';
import { serviceInput } from './organization-schemas';

const tags = ['Invite links'];
const unusable = {
  404: ['INVITE_LINK_NOT_FOUND'],
  410: ['INVITE_LINK_REVOKED', 'INVITE_LINK_EXPIRED', 'INVITE_LINK_USED_UP'],
  429: ['RATE_LIMITED'],
} as const;

/** Creates an account and sends a verification email: the sign-up limits apply, before input checks. */
const limitSignUps = createMiddleware(async (c, next) => {
  const input = await readJson(c);
  const email =
    typeof input === 'object' && input && typeof (input as { email?: unknown }).email === 'string'
      ? (input as { email: string }).email.trim().toLowerCase()
      : '';
  const rules = rateLimitsOf(c).signUp;
  const reason = 'Too many sign-up attempts';
  await enforceRateLimits(db, [
    { key: `sign-up:ip:${clientIp(c)}`, rule: rules.perIp, reason },
    ...(email
      ? [
          {
            key: `sign-up:email:${createHash('sha256').update(email).digest('hex')}`,
            rule: rules.perEmail,
            reason,
          },
        ]
      : []),
  ]);
  await next();
});

const preview = defineRoute({
  method: 'get',
  path: '/{token}',
  tags,
  summary: 'What an invite link offers (the token is the credential)',
  request: { params: tokenParams },
  responses: { 200: json(inviteLinkPreviewResponse, 'The link') },
  errors: unusable,
});
const join = defineRoute({
  method: 'post',
  path: '/{token}',
  tags,
  summary: 'Join through the link, or ask to when it needs approval',
  request: { params: tokenParams, body: jsonBody(joinBody, { required: false }) },
  responses: {
    200: json(joinedResponse, 'Joined'),
    202: json(requestedResponse, 'A join request waits for approval'),
  },
  errors: {
    ...unusable,
    401: ['UNAUTHORIZED'],
    403: ['EMAIL_NOT_VERIFIED', 'EMAIL_DOMAIN_NOT_ALLOWED', 'SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
    409: ['ALREADY_MEMBER'],
  },
});
const signUp = defineRoute({
  method: 'post',
  path: '/{token}/sign-up',
  tags,
  summary: 'Create an account through the link (a verification email follows)',
  request: { params: tokenParams, body: jsonBody(joinSignUpBody) },
  middleware: [limitSignUps],
  responses: { 201: json(joinSignUpResponse, 'The account, to be verified') },
  errors: { ...unusable, 403: ['EMAIL_DOMAIN_NOT_ALLOWED'], 409: ['ACCOUNT_EXISTS'] },
});

/** The invite link's side: the token in the shared link is the credential (rate-limited per IP). */
export const joinRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(preview, async (c) =>
      c.json(
        await previewInviteLink({ token: c.req.valid('param').token, actor: c.get('actor') }),
        200,
      ),
    )
    .openapi(join, async (c) => {
      const result = await joinWithInviteLink({
        actor: requireActor(c),
        token: c.req.valid('param').token,
        input: await readJson(c),
      });
      return result.kind === 'member'
        ? c.json({ organization: result.organization, member: result.member }, 200)
        : c.json({ request: result.request }, 202);
    })
    .openapi(signUp, async (c) =>
      c.json(
        await signUpWithInviteLink({
          token: c.req.valid('param').token,
          input: await readJson(c),
        }),
        201,
      ),
    );
