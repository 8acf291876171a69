import {
  batchInvitations,
  bulkCreateInvitations,
  cancelInvitation,
  checkInvitationPermission,
  parseBulkCsv,
  parseBulkJson,
  createInvitation,
  createOrganization,
  deleteOrganization,
  getOrganization,
  getSeatUsage,
  leaveOrganization,
  listActivity,
  listInvitations,
  listInvitationsPage,
  listMembersPage,
  listOrganizations,
  removeMember,
  renewInvitation,
  resendInvitation,
  setActiveOrganization,
  transferOwnership,
  updateMemberRole,
  updateOrganization,
} from '@kit/organization';
import { db } from '@kit/database';
import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  invitationBatchBody,
  invitationListQuery,
  isOffsetQuery,
  memberListQuery,
  parseOr400,
} from './people-schemas';

const pageQuery = (maxLimit: number) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).optional(),
    cursor: z.string().max(300).optional(),
  });
const activityPageQuery = pageQuery(100);

/** Organizations, their members, invitations and activity. Every route needs a session. */
export const organizationRoutes = () =>
  new Hono<SessionEnv>()
    .post('/', async (c) =>
      c.json(await createOrganization({ actor: requireActor(c), input: await readJson(c) }), 201),
    )
    .get('/', async (c) =>
      c.json({ organizations: await listOrganizations({ actor: requireActor(c) }) }),
    )
    .get('/:orgId', async (c) =>
      c.json(
        await getOrganization({ actor: requireActor(c), organizationId: c.req.param('orgId') }),
      ),
    )
    .patch('/:orgId', async (c) =>
      c.json(
        await updateOrganization({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          input: await readJson(c),
        }),
      ),
    )
    .delete('/:orgId', async (c) => {
      await deleteOrganization({ actor: requireActor(c), organizationId: c.req.param('orgId') });
      return c.body(null, 204);
    })
    .post('/:orgId/activate', async (c) =>
      c.json(
        await setActiveOrganization({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
        }),
      ),
    )
    .post('/:orgId/leave', async (c) => {
      await leaveOrganization({ actor: requireActor(c), organizationId: c.req.param('orgId') });
      return c.body(null, 204);
    })
    .post('/:orgId/transfer-ownership', async (c) =>
      c.json(
        await transferOwnership({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          input: await readJson(c),
        }),
      ),
    )
    .get('/:orgId/seats', async (c) =>
      c.json(await getSeatUsage({ actor: requireActor(c), organizationId: c.req.param('orgId') })),
    )
    .get('/:orgId/members', async (c) => {
      const query = parseOr400(memberListQuery, c.req.query());
      return c.json(
        await listMembersPage({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          query,
        }),
      );
    })
    .patch('/:orgId/members/:memberId', async (c) =>
      c.json(
        await updateMemberRole({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          memberId: c.req.param('memberId'),
          input: await readJson(c),
        }),
      ),
    )
    .delete('/:orgId/members/:memberId', async (c) => {
      await removeMember({
        actor: requireActor(c),
        organizationId: c.req.param('orgId'),
        memberId: c.req.param('memberId'),
      });
      return c.body(null, 204);
    })
    .get('/:orgId/invitations', async (c) => {
      const { status, cursor, limit, ...rest } = parseOr400(invitationListQuery, c.req.query());
      const scope = { actor: requireActor(c), organizationId: c.req.param('orgId') };
      const limits = rateLimitsOf(c).invitations;
      if (isOffsetQuery(rest)) {
        const page = await listInvitationsPage({
          ...scope,
          query: { ...rest, statuses: status, limit },
          limits,
        });
        return c.json({ ...page, nextCursor: null });
      }
      return c.json(
        await listInvitations({
          ...scope,
          status: status?.join(','),
          limit: limit ?? 200,
          cursor,
          limits,
        }),
      );
    })
    // "May I invite?", asked before the invite form is shown; the same checks as inviting.
    .get('/:orgId/invitations/permission', async (c) => {
      const email = c.req.query('email');
      const role = c.req.query('role');
      return c.json(
        await checkInvitationPermission({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          input: { ...(email ? { email } : {}), ...(role ? { role } : {}) },
        }),
      );
    })
    .post('/:orgId/invitations', async (c) => {
      const created = await createInvitation({
        actor: requireActor(c),
        organizationId: c.req.param('orgId'),
        input: await readJson(c),
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: created.invitation }, 201);
    })
    // JSON or text/csv; the content type and the 10 MB cap are enforced in security/config.ts.
    .post('/:orgId/invitations/bulk', async (c) => {
      const actor = requireActor(c);
      const isCsv = /^text\/csv/i.test(c.req.header('content-type') ?? '');
      const rows = isCsv ? parseBulkCsv(await c.req.text()) : parseBulkJson(await readJson(c));
      const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '');
      return c.json(
        await bulkCreateInvitations({
          actor,
          organizationId: c.req.param('orgId'),
          rows,
          dryRun,
          limits: rateLimitsOf(c).invitations,
        }),
      );
    })
    // One action (resend, cancel, renew, remove) on up to 100 invitations, item by item.
    .post('/:orgId/invitations/batch', async (c) => {
      const body = parseOr400(invitationBatchBody, await readJson(c));
      return c.json(
        await batchInvitations({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          ...body,
          limits: rateLimitsOf(c).invitations,
        }),
      );
    })
    // An expired invitation sent again as a new one (same address and role).
    .post('/:orgId/invitations/:invitationId/renew', async (c) => {
      const renewed = await renewInvitation({
        actor: requireActor(c),
        organizationId: c.req.param('orgId'),
        invitationId: c.req.param('invitationId'),
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: renewed.invitation }, 201);
    })
    .post('/:orgId/invitations/:invitationId/resend', async (c) => {
      const resent = await resendInvitation({
        actor: requireActor(c),
        organizationId: c.req.param('orgId'),
        invitationId: c.req.param('invitationId'),
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: resent.invitation });
    })
    .delete('/:orgId/invitations/:invitationId', async (c) =>
      c.json({
        invitation: await cancelInvitation({
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          invitationId: c.req.param('invitationId'),
        }),
      }),
    )
    .get('/:orgId/activity', async (c) => {
      const query = activityPageQuery.safeParse(c.req.query());
      if (!query.success)
        throw new AppError(
          400,
          'VALIDATION_ERROR',
          query.error.issues[0]?.message ?? 'Invalid query',
        );
      return c.json(
        await listActivity({
          exec: db,
          actor: requireActor(c),
          organizationId: c.req.param('orgId'),
          ...query.data,
        }),
      );
    });
