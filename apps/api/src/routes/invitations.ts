import {
  acceptInvitation,
  declineInvitation,
  getInvitationByToken,
  signUpWithInvitation,
} from '@kit/organization';
import { defineRoute, json, jsonBody, router } from '../openapi/route';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  acceptedInvitationResponse,
  declinedInvitationResponse,
  invitationPreviewResponse,
  invitationSignUpBody,
  invitationSignUpResponse,
  serviceInput,
  tokenParams,
} from './organization-schemas';

const tags = ['Invitee'];
const unusable = {
  404: ['INVITATION_NOT_FOUND'],
  410: [
    'INVITATION_EXPIRED',
    'INVITATION_CANCELED',
    'INVITATION_REPLACED',
    'INVITATION_ALREADY_ACCEPTED',
    'INVITATION_DECLINED',
  ],
  429: ['RATE_LIMITED'],
} as const;

const preview = defineRoute({
  method: 'get',
  path: '/{token}',
  tags,
  summary: 'What an invitation link offers (the token is the credential)',
  request: { params: tokenParams },
  responses: { 200: json(invitationPreviewResponse, 'The invitation') },
  errors: unusable,
});
const accept = defineRoute({
  method: 'post',
  path: '/{token}/accept',
  tags,
  summary: 'Accept: join the organization with the invited role',
  request: { params: tokenParams },
  responses: { 200: json(acceptedInvitationResponse, 'The membership') },
  errors: {
    ...unusable,
    401: ['UNAUTHORIZED'],
    403: ['INVITATION_EMAIL_MISMATCH', 'SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
    409: ['ALREADY_MEMBER'],
  },
});
const decline = defineRoute({
  method: 'post',
  path: '/{token}/decline',
  tags,
  summary: 'Decline (signed in or not)',
  request: { params: tokenParams },
  responses: { 200: json(declinedInvitationResponse, 'Declined') },
  errors: { ...unusable, 403: ['INVITATION_EMAIL_MISMATCH'] },
});
const signUp = defineRoute({
  method: 'post',
  path: '/{token}/sign-up',
  tags,
  summary: 'Create the invited account, sign in and join',
  request: { params: tokenParams, body: jsonBody(invitationSignUpBody) },
  responses: { 201: json(invitationSignUpResponse, 'The account, signed in (Set-Cookie)') },
  errors: {
    ...unusable,
    403: ['SEAT_LIMIT_REACHED', 'POLICY_DENIED'],
    409: ['ACCOUNT_EXISTS'],
  },
});

/** The invitee's side: the token in the emailed link is the credential. */
export const invitationRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(preview, async (c) =>
      c.json(await getInvitationByToken(c.req.valid('param').token), 200),
    )
    .openapi(accept, async (c) =>
      c.json(
        await acceptInvitation({ actor: requireActor(c), token: c.req.valid('param').token }),
        200,
      ),
    )
    .openapi(decline, async (c) =>
      c.json(
        {
          status: 'declined' as const,
          invitation: await declineInvitation({
            actor: c.get('actor') ?? undefined,
            token: c.req.valid('param').token,
          }),
        },
        200,
      ),
    )
    .openapi(signUp, async (c) => {
      const result = await signUpWithInvitation({
        token: c.req.valid('param').token,
        input: await readJson(c),
      });
      for (const cookie of result.setCookie) c.header('set-cookie', cookie, { append: true });
      return c.json(
        { user: result.user, organization: result.organization, member: result.member },
        201,
      );
    });
