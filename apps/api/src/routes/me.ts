import { joinThroughDomain, listMyJoinRequests, listSuggestions } from '@kit/organization';
import { defineRoute, json, jsonBody, router } from '../openapi/route';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  joinBody,
  joinedResponse,
  joinRequestListResponse,
  requestedResponse,
} from './join-schemas';
import { serviceInput, suggestionListResponse, suggestionParams } from './organization-schemas';

const tags = ['Me'];

const myRequests = defineRoute({
  method: 'get',
  path: '/join-requests',
  tags,
  summary: 'Your join requests',
  responses: { 200: json(joinRequestListResponse, 'Your requests') },
  errors: { 401: ['UNAUTHORIZED'] },
});
const suggestions = defineRoute({
  method: 'get',
  path: '/suggestions',
  tags,
  summary: 'Organizations you may join through your verified email domain',
  responses: { 200: json(suggestionListResponse, 'The suggestions') },
  errors: { 401: ['UNAUTHORIZED'] },
});
const joinSuggestion = defineRoute({
  method: 'post',
  path: '/suggestions/{domainId}/join',
  tags,
  summary: 'Join (automatic invitation) or ask to join (suggestion)',
  request: { params: suggestionParams, body: jsonBody(joinBody, { required: false }) },
  responses: {
    200: json(joinedResponse, 'Joined'),
    202: json(requestedResponse, 'A join request waits for approval'),
  },
  errors: {
    401: ['UNAUTHORIZED'],
    403: ['SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
    404: ['SUGGESTION_NOT_FOUND'],
    409: ['ALREADY_MEMBER'],
  },
});

/** What concerns the signed-in person across organizations. */
export const meRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(myRequests, async (c) =>
      c.json({ requests: await listMyJoinRequests({ actor: requireActor(c) }) }, 200),
    )
    .openapi(suggestions, async (c) =>
      c.json({ suggestions: await listSuggestions({ actor: requireActor(c) }) }, 200),
    )
    // An automatic invitation joins (200 {member}); a suggestion asks to join (202 {request}).
    .openapi(joinSuggestion, async (c) => {
      const result = await joinThroughDomain({
        actor: requireActor(c),
        domainId: c.req.valid('param').domainId,
        input: await readJson(c),
      });
      return result.kind === 'member'
        ? c.json({ organization: result.organization, member: result.member }, 200)
        : c.json({ request: result.request }, 202);
    });
