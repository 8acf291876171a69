import { listMyJoinRequests } from '@kit/organization';
import { Hono } from 'hono';
import { requireActor, type SessionEnv } from '../session';

/** What concerns the signed-in person across organizations. */
export const meRoutes = () =>
  new Hono<SessionEnv>().get('/join-requests', async (c) =>
    c.json({ requests: await listMyJoinRequests({ actor: requireActor(c) }) }),
  );
