import { createInviteLink, listInviteLinks, revokeInviteLink } from '@kit/organization';
import { Hono } from 'hono';
import { readJson, requireActor, type SessionEnv } from '../session';

/** An organization's invite links (owners and admins); mounted at /organizations/:orgId/invite-links. */
export const inviteLinkRoutes = () =>
  new Hono<SessionEnv>()
    .post('/', async (c) =>
      c.json(
        await createInviteLink({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          input: await readJson(c),
        }),
        201,
      ),
    )
    .get('/', async (c) =>
      c.json({
        links: await listInviteLinks({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
        }),
      }),
    )
    .delete('/:linkId', async (c) =>
      c.json({
        link: await revokeInviteLink({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          linkId: c.req.param('linkId'),
        }),
      }),
    );
