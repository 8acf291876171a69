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
import { z } from 'zod';
import { defineRoute, json, jsonBody, noContent, router } from '../openapi/route';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  activityPageResponse,
  activityQuery,
  bulkJsonBody,
  bulkQuery,
  bulkResultResponse,
  createInvitationBody,
  createOrganizationBody,
  invitationParams,
  invitationPermissionQuery,
  invitationPermissionResponse,
  memberParams,
  memberSchema,
  organizationListResponse,
  organizationSchema,
  orgParams,
  seatUsageResponse,
  serviceInput,
  transferOwnershipBody,
  transferOwnershipResponse,
  updateMemberRoleBody,
  updateOrganizationBody,
} from './organization-schemas';
import {
  invitationBatchBody,
  invitationBatchResponse,
  invitationListQuery,
  invitationPageResponse,
  isOffsetQuery,
  memberListQuery,
  memberPageResponse,
  renewInvitationResponse,
} from './people-schemas';

const signedIn = { 401: ['UNAUTHORIZED'] } as const;
const inOrg = { 401: ['UNAUTHORIZED'], 404: ['ORGANIZATION_NOT_FOUND'] } as const;
const managing = {
  ...inOrg,
  403: ['INSUFFICIENT_PERMISSIONS', 'POLICY_DENIED'],
} as const;
const orgs = ['Organizations'];
const members = ['Members'];
const invitations = ['Invitations'];

const createOrg = defineRoute({
  method: 'post',
  path: '/',
  tags: orgs,
  summary: 'Create an organization (the caller becomes its owner)',
  request: { body: jsonBody(createOrganizationBody) },
  responses: { 201: json(organizationSchema, 'The organization') },
  errors: { ...signedIn, 403: ['POLICY_DENIED'], 409: ['SLUG_TAKEN'] },
});
const listOrgs = defineRoute({
  method: 'get',
  path: '/',
  tags: orgs,
  summary: "The caller's organizations",
  responses: { 200: json(organizationListResponse, 'The organizations') },
  errors: signedIn,
});
const getOrg = defineRoute({
  method: 'get',
  path: '/{orgId}',
  tags: orgs,
  summary: 'One organization',
  request: { params: orgParams },
  responses: { 200: json(organizationSchema, 'The organization') },
  errors: inOrg,
});
const updateOrg = defineRoute({
  method: 'patch',
  path: '/{orgId}',
  tags: orgs,
  summary: 'Rename, change slug or logo',
  request: { params: orgParams, body: jsonBody(updateOrganizationBody) },
  responses: { 200: json(organizationSchema, 'The changed organization') },
  errors: { ...managing, 409: ['SLUG_TAKEN'] },
});
const deleteOrg = defineRoute({
  method: 'delete',
  path: '/{orgId}',
  tags: orgs,
  summary: 'Delete an organization (owners)',
  request: { params: orgParams },
  responses: { 204: noContent('Deleted') },
  errors: managing,
});
const activate = defineRoute({
  method: 'post',
  path: '/{orgId}/activate',
  tags: orgs,
  summary: "Make it the caller's active organization",
  request: { params: orgParams },
  responses: { 200: json(organizationSchema.nullable(), 'The active organization') },
  errors: inOrg,
});
const leave = defineRoute({
  method: 'post',
  path: '/{orgId}/leave',
  tags: orgs,
  summary: 'Leave an organization',
  request: { params: orgParams },
  responses: { 204: noContent('Left') },
  errors: { ...inOrg, 409: ['LAST_OWNER'] },
});
const transfer = defineRoute({
  method: 'post',
  path: '/{orgId}/transfer-ownership',
  tags: orgs,
  summary: 'Hand ownership to another member',
  request: { params: orgParams, body: jsonBody(transferOwnershipBody) },
  responses: { 200: json(transferOwnershipResponse, 'The new and the previous owner') },
  errors: { ...managing, 404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'] },
});
const seats = defineRoute({
  method: 'get',
  path: '/{orgId}/seats',
  tags: orgs,
  summary: 'Seats used, pending and available',
  request: { params: orgParams },
  responses: { 200: json(seatUsageResponse, 'Seat usage') },
  errors: inOrg,
});
const listMembers = defineRoute({
  method: 'get',
  path: '/{orgId}/members',
  tags: members,
  summary: 'One page of members (search, sort, offset)',
  request: { params: orgParams, query: memberListQuery },
  responses: { 200: json(memberPageResponse, 'A page of members with the total') },
  errors: inOrg,
});
const updateRole = defineRoute({
  method: 'patch',
  path: '/{orgId}/members/{memberId}',
  tags: members,
  summary: "Change a member's role",
  request: { params: memberParams, body: jsonBody(updateMemberRoleBody) },
  responses: { 200: json(memberSchema, 'The member') },
  errors: {
    ...managing,
    403: ['INSUFFICIENT_PERMISSIONS', 'ROLE_NOT_ALLOWED', 'CANNOT_MODIFY_OWNER', 'POLICY_DENIED'],
    404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'],
    409: ['LAST_OWNER'],
  },
});
const removeMemberRoute = defineRoute({
  method: 'delete',
  path: '/{orgId}/members/{memberId}',
  tags: members,
  summary: 'Remove a member',
  request: { params: memberParams },
  responses: { 204: noContent('Removed') },
  errors: {
    ...managing,
    403: ['INSUFFICIENT_PERMISSIONS', 'CANNOT_MODIFY_OWNER', 'POLICY_DENIED'],
    404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'],
    409: ['LAST_OWNER'],
  },
});
const listInvitationsRoute = defineRoute({
  method: 'get',
  path: '/{orgId}/invitations',
  tags: invitations,
  summary: "The organization's invitations",
  description:
    'Any of offset, sort, order, q or ids answers an offset page with totals; otherwise newest ' +
    'first with a keyset `cursor`, up to 500 a page.',
  request: { params: orgParams, query: invitationListQuery },
  responses: { 200: json(invitationPageResponse, 'A page of invitations') },
  errors: managing,
});
const permission = defineRoute({
  method: 'get',
  path: '/{orgId}/invitations/permission',
  tags: invitations,
  summary: 'May the caller invite (this address, as this role)?',
  request: { params: orgParams, query: invitationPermissionQuery },
  responses: { 200: json(invitationPermissionResponse, 'Allowed, or why not') },
  errors: inOrg,
});
const invite = defineRoute({
  method: 'post',
  path: '/{orgId}/invitations',
  tags: invitations,
  summary: 'Invite someone by email',
  request: { params: orgParams, body: jsonBody(createInvitationBody) },
  responses: { 201: json(renewInvitationResponse, 'The invitation') },
  errors: {
    ...managing,
    403: ['INSUFFICIENT_PERMISSIONS', 'ROLE_NOT_ALLOWED', 'SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
    409: ['ALREADY_MEMBER', 'ALREADY_INVITED'],
    429: ['RATE_LIMITED'],
  },
});
const bulk = defineRoute({
  method: 'post',
  path: '/{orgId}/invitations/bulk',
  tags: invitations,
  summary: 'Invite many people from JSON or CSV (up to 10 MB)',
  request: {
    params: orgParams,
    query: bulkQuery,
    body: {
      required: false,
      description: 'JSON `{"invitations":[{email, role?, metadata?}]}` or CSV with email,role.',
      content: {
        'application/json': { schema: bulkJsonBody },
        'text/csv': { schema: z.string() },
      },
    },
  },
  responses: { 200: json(bulkResultResponse, 'One result per row, and a summary') },
  errors: { ...managing, 400: ['TOO_MANY_ROWS', 'INVALID_CSV'], 429: ['RATE_LIMITED'] },
});
const batch = defineRoute({
  method: 'post',
  path: '/{orgId}/invitations/batch',
  tags: invitations,
  summary: 'One action (resend, cancel, renew, remove) on up to 100 invitations',
  request: { params: orgParams, body: jsonBody(invitationBatchBody) },
  responses: { 200: json(invitationBatchResponse, 'One result per invitation') },
  invalid: () => undefined,
  errors: managing,
});
const renew = defineRoute({
  method: 'post',
  path: '/{orgId}/invitations/{invitationId}/renew',
  tags: invitations,
  summary: 'Send an expired invitation again as a new one',
  request: { params: invitationParams },
  responses: { 201: json(renewInvitationResponse, 'The new invitation') },
  errors: {
    ...managing,
    404: ['ORGANIZATION_NOT_FOUND', 'INVITATION_NOT_FOUND'],
    409: ['INVITATION_NOT_PENDING', 'ALREADY_MEMBER', 'ALREADY_INVITED'],
    429: ['RATE_LIMITED'],
  },
});
const resend = defineRoute({
  method: 'post',
  path: '/{orgId}/invitations/{invitationId}/resend',
  tags: invitations,
  summary: 'Send the invitation email again',
  request: { params: invitationParams },
  responses: { 200: json(renewInvitationResponse, 'The invitation') },
  errors: {
    ...managing,
    404: ['ORGANIZATION_NOT_FOUND', 'INVITATION_NOT_FOUND'],
    409: ['INVITATION_NOT_PENDING'],
    429: ['RATE_LIMITED'],
  },
});
const cancel = defineRoute({
  method: 'delete',
  path: '/{orgId}/invitations/{invitationId}',
  tags: invitations,
  summary: 'Cancel a pending or expired invitation',
  request: { params: invitationParams },
  responses: { 200: json(renewInvitationResponse, 'The canceled invitation') },
  errors: {
    ...managing,
    404: ['ORGANIZATION_NOT_FOUND', 'INVITATION_NOT_FOUND'],
    409: ['INVITATION_NOT_PENDING'],
  },
});
const activity = defineRoute({
  method: 'get',
  path: '/{orgId}/activity',
  tags: ['Activity'],
  summary: "The organization's activity log, newest first",
  request: { params: orgParams, query: activityQuery },
  responses: { 200: json(activityPageResponse, 'A page of activity') },
  invalid: (error) => ({
    code: 'VALIDATION_ERROR',
    message: error.issues[0]?.message ?? 'Invalid query',
  }),
  errors: managing,
});

/** Organizations, their members, invitations and activity. Every route needs a session. */
export const organizationRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(createOrg, async (c) =>
      c.json(await createOrganization({ actor: requireActor(c), input: await readJson(c) }), 201),
    )
    .openapi(listOrgs, async (c) =>
      c.json({ organizations: await listOrganizations({ actor: requireActor(c) }) }, 200),
    )
    .openapi(getOrg, async (c) =>
      c.json(
        await getOrganization({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
        }),
        200,
      ),
    )
    .openapi(updateOrg, async (c) =>
      c.json(
        await updateOrganization({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          input: await readJson(c),
        }),
        200,
      ),
    )
    .openapi(deleteOrg, async (c) => {
      await deleteOrganization({
        actor: requireActor(c),
        organizationId: c.req.valid('param').orgId,
      });
      return c.body(null, 204);
    })
    .openapi(activate, async (c) =>
      c.json(
        await setActiveOrganization({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
        }),
        200,
      ),
    )
    .openapi(leave, async (c) => {
      await leaveOrganization({
        actor: requireActor(c),
        organizationId: c.req.valid('param').orgId,
      });
      return c.body(null, 204);
    })
    .openapi(transfer, async (c) =>
      c.json(
        await transferOwnership({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          input: await readJson(c),
        }),
        200,
      ),
    )
    .openapi(seats, async (c) =>
      c.json(
        await getSeatUsage({ actor: requireActor(c), organizationId: c.req.valid('param').orgId }),
        200,
      ),
    )
    .openapi(listMembers, async (c) =>
      c.json(
        await listMembersPage({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          query: c.req.valid('query'),
        }),
        200,
      ),
    )
    .openapi(updateRole, async (c) => {
      const { orgId, memberId } = c.req.valid('param');
      return c.json(
        await updateMemberRole({
          actor: requireActor(c),
          organizationId: orgId,
          memberId,
          input: await readJson(c),
        }),
        200,
      );
    })
    .openapi(removeMemberRoute, async (c) => {
      const { orgId, memberId } = c.req.valid('param');
      await removeMember({ actor: requireActor(c), organizationId: orgId, memberId });
      return c.body(null, 204);
    })
    .openapi(listInvitationsRoute, async (c) => {
      const { status, cursor, limit, ...rest } = c.req.valid('query');
      const scope = { actor: requireActor(c), organizationId: c.req.valid('param').orgId };
      const limits = rateLimitsOf(c).invitations;
      if (isOffsetQuery(rest)) {
        const page = await listInvitationsPage({
          ...scope,
          query: { ...rest, statuses: status, limit },
          limits,
        });
        return c.json({ ...page, nextCursor: null }, 200);
      }
      return c.json(
        await listInvitations({
          ...scope,
          status: status?.join(','),
          limit: limit ?? 200,
          cursor,
          limits,
        }),
        200,
      );
    })
    // "May I invite?", asked before the invite form is shown; the same checks as inviting.
    .openapi(permission, async (c) => {
      const { email, role } = c.req.valid('query');
      return c.json(
        await checkInvitationPermission({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          input: { ...(email ? { email } : {}), ...(role ? { role } : {}) },
        }),
        200,
      );
    })
    .openapi(invite, async (c) => {
      const created = await createInvitation({
        actor: requireActor(c),
        organizationId: c.req.valid('param').orgId,
        input: await readJson(c),
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: created.invitation }, 201);
    })
    // JSON or text/csv; the content type and the 10 MB cap are enforced in security/config.ts.
    .openapi(bulk, async (c) => {
      const actor = requireActor(c);
      const isCsv = /^text\/csv/i.test(c.req.header('content-type') ?? '');
      const rows = isCsv
        ? await parseBulkCsv(await c.req.text())
        : parseBulkJson(await readJson(c));
      const dryRun = ['1', 'true'].includes(c.req.valid('query').dryRun ?? '');
      return c.json(
        await bulkCreateInvitations({
          actor,
          organizationId: c.req.valid('param').orgId,
          rows,
          dryRun,
          limits: rateLimitsOf(c).invitations,
        }),
        200,
      );
    })
    // One action (resend, cancel, renew, remove) on up to 100 invitations, item by item.
    .openapi(batch, async (c) =>
      c.json(
        await batchInvitations({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          ...c.req.valid('json'),
          limits: rateLimitsOf(c).invitations,
        }),
        200,
      ),
    )
    // An expired invitation sent again as a new one (same address and role).
    .openapi(renew, async (c) => {
      const { orgId, invitationId } = c.req.valid('param');
      const renewed = await renewInvitation({
        actor: requireActor(c),
        organizationId: orgId,
        invitationId,
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: renewed.invitation }, 201);
    })
    .openapi(resend, async (c) => {
      const { orgId, invitationId } = c.req.valid('param');
      const resent = await resendInvitation({
        actor: requireActor(c),
        organizationId: orgId,
        invitationId,
        limits: rateLimitsOf(c).invitations,
      });
      return c.json({ invitation: resent.invitation }, 200);
    })
    .openapi(cancel, async (c) => {
      const { orgId, invitationId } = c.req.valid('param');
      const invitation = await cancelInvitation({
        actor: requireActor(c),
        organizationId: orgId,
        invitationId,
      });
      return c.json({ invitation }, 200);
    })
    .openapi(activity, async (c) =>
      c.json(
        await listActivity({
          exec: db,
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          ...c.req.valid('query'),
        }),
        200,
      ),
    );
