import { createInviteLink, listInviteLinks, revokeInviteLink } from '@kit/organization';
import { defineRoute, json, jsonBody, router } from '../openapi/route';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  createdInviteLinkResponse,
  createInviteLinkBody,
  inviteLinkListResponse,
  inviteLinkResponse,
  linkParams,
  orgIdParams,
} from './join-schemas';
import { serviceInput } from './organization-schemas';

const tags = ['Invite links'];
const managing = {
  401: ['UNAUTHORIZED'],
  403: ['INSUFFICIENT_PERMISSIONS', 'POLICY_DENIED'],
  404: ['ORGANIZATION_NOT_FOUND'],
} as const;

const create = defineRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a shareable invite link',
  request: { params: orgIdParams, body: jsonBody(createInviteLinkBody) },
  responses: { 201: json(createdInviteLinkResponse, 'The link and its URL (shown once)') },
  errors: { ...managing, 403: [...managing[403], 'ROLE_NOT_ALLOWED'] },
});
const list = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary: "The organization's invite links",
  request: { params: orgIdParams },
  responses: { 200: json(inviteLinkListResponse, 'The links (never their tokens)') },
  errors: managing,
});
const revoke = defineRoute({
  method: 'delete',
  path: '/{linkId}',
  tags,
  summary: 'Revoke an invite link',
  request: { params: linkParams },
  responses: { 200: json(inviteLinkResponse, 'The revoked link') },
  errors: { ...managing, 404: ['ORGANIZATION_NOT_FOUND', 'INVITE_LINK_NOT_FOUND'] },
});

/** An organization's invite links (owners and admins); mounted at /organizations/:orgId/invite-links. */
export const inviteLinkRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(create, async (c) =>
      c.json(
        await createInviteLink({
          actor: requireActor(c),
          organizationId: c.req.valid('param').orgId,
          input: await readJson(c),
        }),
        201,
      ),
    )
    .openapi(list, async (c) =>
      c.json(
        {
          links: await listInviteLinks({
            actor: requireActor(c),
            organizationId: c.req.valid('param').orgId,
          }),
        },
        200,
      ),
    )
    .openapi(revoke, async (c) => {
      const { orgId, linkId } = c.req.valid('param');
      const link = await revokeInviteLink({
        actor: requireActor(c),
        organizationId: orgId,
        linkId,
      });
      return c.json({ link }, 200);
    });
