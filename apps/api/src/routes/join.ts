import { joinWithInviteLink, previewInviteLink, signUpWithInviteLink } from '@kit/organization';
import { enforceRateLimits } from '@kit/rate-limit';
import { db } from '@kit/database';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { clientIp } from '../security/client-ip';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';

/** The invite link's side: the token in the shared link is the credential (rate-limited per IP). */
export const joinRoutes = () =>
  new Hono<SessionEnv>()
    .get('/:token', async (c) =>
      c.json(await previewInviteLink({ token: c.req.param('token'), actor: c.get('actor') })),
    )
    .post('/:token', async (c) => {
      const result = await joinWithInviteLink({
        actor: requireActor(c),
        token: c.req.param('token'),
        input: await readJson(c),
      });
      return result.kind === 'member'
        ? c.json({ organization: result.organization, member: result.member }, 200)
        : c.json({ request: result.request }, 202);
    })
    .post('/:token/sign-up', async (c) => {
      const input = await readJson(c);
      // Creates an account and sends a verification email: the sign-up limits apply too.
      const email =
        typeof input === 'object' &&
        input &&
        typeof (input as { email?: unknown }).email === 'string'
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
      return c.json(await signUpWithInviteLink({ token: c.req.param('token'), input }), 201);
    });
