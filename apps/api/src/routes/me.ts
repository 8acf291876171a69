import { joinThroughDomain, listMyJoinRequests, listSuggestions } from '@kit/organization';
import { Hono } from 'hono';
import { readJson, requireActor, type SessionEnv } from '../session';

/** What concerns the signed-in person across organizations. */
export const meRoutes = () =>
  new Hono<SessionEnv>()
    .get('/join-requests', async (c) =>
      c.json({ requests: await listMyJoinRequests({ actor: requireActor(c) }) }),
    )
    .get('/suggestions', async (c) =>
      c.json({ suggestions: await listSuggestions({ actor: requireActor(c) }) }),
    )
    // An automatic invitation joins (200 {member}); a suggestion asks to join (202 {request}).
    .post('/suggestions/:domainId/join', async (c) => {
      const result = await joinThroughDomain({
        actor: requireActor(c),
        domainId: c.req.param('domainId'),
        input: await readJson(c),
      });
      return result.kind === 'member'
        ? c.json({ organization: result.organization, member: result.member }, 200)
        : c.json({ request: result.request }, 202);
    });
