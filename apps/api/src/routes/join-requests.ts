import {
  approveJoinRequest,
  listJoinRequests,
  rejectJoinRequest,
  withdrawJoinRequest,
} from '@kit/organization';
import { defineRoute, json, jsonBody, router } from '../openapi/route';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  approveBody,
  approvedResponse,
  joinRequestListQuery,
  joinRequestListResponse,
  joinRequestResponse,
  orgIdParams,
  ownRequestParams,
  rejectBody,
  requestParams,
} from './join-schemas';
import { serviceInput } from './organization-schemas';

const tags = ['Join requests'];
const managing = {
  401: ['UNAUTHORIZED'],
  403: ['INSUFFICIENT_PERMISSIONS'],
  404: ['ORGANIZATION_NOT_FOUND'],
} as const;
const answering = {
  ...managing,
  404: ['ORGANIZATION_NOT_FOUND', 'JOIN_REQUEST_NOT_FOUND'],
  409: ['JOIN_REQUEST_NOT_PENDING'],
} as const;

const list = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary: "The organization's join requests (pending by default)",
  request: { params: orgIdParams, query: joinRequestListQuery },
  responses: { 200: json(joinRequestListResponse, 'The requests, newest first') },
  errors: managing,
});
const approve = defineRoute({
  method: 'post',
  path: '/{requestId}/approve',
  tags,
  summary: 'Approve: the requester joins (optionally with another role)',
  request: { params: requestParams, body: jsonBody(approveBody, { required: false }) },
  responses: { 200: json(approvedResponse, 'The new member and the request') },
  errors: {
    ...answering,
    403: ['INSUFFICIENT_PERMISSIONS', 'ROLE_NOT_ALLOWED', 'SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
  },
});
const reject = defineRoute({
  method: 'post',
  path: '/{requestId}/reject',
  tags,
  summary: 'Reject, with an optional reason',
  request: { params: requestParams, body: jsonBody(rejectBody, { required: false }) },
  responses: { 200: json(joinRequestResponse, 'The request') },
  errors: answering,
});
const withdraw = defineRoute({
  method: 'post',
  path: '/{requestId}/withdraw',
  tags,
  summary: 'Withdraw your own pending request',
  request: { params: ownRequestParams },
  responses: { 200: json(joinRequestResponse, 'The request') },
  errors: {
    401: ['UNAUTHORIZED'],
    404: ['JOIN_REQUEST_NOT_FOUND'],
    409: ['JOIN_REQUEST_NOT_PENDING'],
  },
});

const serviceBodies = {
  invalid: (error: Parameters<typeof serviceInput>[0], _input: unknown, target: string) =>
    target === 'json' || target === 'query' ? serviceInput(error) : undefined,
};

/** An organization's join requests (owners and admins); mounted at /organizations/:orgId/join-requests. */
export const joinRequestRoutes = () =>
  router<SessionEnv>(serviceBodies)
    .openapi(list, async (c) =>
      c.json(
        {
          requests: await listJoinRequests({
            actor: requireActor(c),
            organizationId: c.req.valid('param').orgId,
            query: c.req.valid('query'),
          }),
        },
        200,
      ),
    )
    .openapi(approve, async (c) => {
      const { orgId, requestId } = c.req.valid('param');
      return c.json(
        await approveJoinRequest({
          actor: requireActor(c),
          organizationId: orgId,
          requestId,
          input: await readJson(c),
        }),
        200,
      );
    })
    .openapi(reject, async (c) => {
      const { orgId, requestId } = c.req.valid('param');
      const request = await rejectJoinRequest({
        actor: requireActor(c),
        organizationId: orgId,
        requestId,
        input: await readJson(c),
      });
      return c.json({ request }, 200);
    });

/** The requester's side: /join-requests/:requestId/withdraw. */
export const ownJoinRequestRoutes = () =>
  router<SessionEnv>().openapi(withdraw, async (c) =>
    c.json(
      {
        request: await withdrawJoinRequest({
          actor: requireActor(c),
          requestId: c.req.valid('param').requestId,
        }),
      },
      200,
    ),
  );
