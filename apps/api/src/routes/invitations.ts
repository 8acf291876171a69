import {
  acceptInvitation,
  declineInvitation,
  getInvitationByToken,
  signUpWithInvitation,
} from '@kit/organization';
import { Hono } from 'hono';
import { readJson, requireActor, type SessionEnv } from '../session';

/** The invitee's side: the token in the emailed link is the credential. */
export const invitationRoutes = () =>
  new Hono<SessionEnv>()
    .get('/:token', async (c) => c.json(await getInvitationByToken(c.req.param('token'))))
    .post('/:token/accept', async (c) =>
      c.json(await acceptInvitation({ actor: requireActor(c), token: c.req.param('token') })),
    )
    .post('/:token/decline', async (c) =>
      c.json({
        status: 'declined' as const,
        invitation: await declineInvitation({
          actor: c.get('actor') ?? undefined,
          token: c.req.param('token'),
        }),
      }),
    )
    .post('/:token/sign-up', async (c) => {
      const result = await signUpWithInvitation({
        token: c.req.param('token'),
        input: await readJson(c),
      });
      for (const cookie of result.setCookie) c.header('set-cookie', cookie, { append: true });
      return c.json(
        { user: result.user, organization: result.organization, member: result.member },
        201,
      );
    });
