import {
  approveJoinRequest,
  listJoinRequests,
  rejectJoinRequest,
  withdrawJoinRequest,
} from '@kit/organization';
import { Hono } from 'hono';
import { readJson, requireActor, type SessionEnv } from '../session';

/** An organization's join requests (owners and admins); mounted at /organizations/:orgId/join-requests. */
export const joinRequestRoutes = () =>
  new Hono<SessionEnv>()
    .get('/', async (c) =>
      c.json({
        requests: await listJoinRequests({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          query: c.req.query(),
        }),
      }),
    )
    .post('/:requestId/approve', async (c) =>
      c.json(
        await approveJoinRequest({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          requestId: c.req.param('requestId'),
          input: await readJson(c),
        }),
      ),
    )
    .post('/:requestId/reject', async (c) =>
      c.json({
        request: await rejectJoinRequest({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          requestId: c.req.param('requestId'),
          input: await readJson(c),
        }),
      }),
    );

/** The requester's side: /join-requests/:requestId/withdraw. */
export const ownJoinRequestRoutes = () =>
  new Hono<SessionEnv>().post('/:requestId/withdraw', async (c) =>
    c.json({
      request: await withdrawJoinRequest({
        actor: requireActor(c),
        requestId: c.req.param('requestId'),
      }),
    }),
  );
