import { createApiKey, listApiKeys, revokeApiKey, updateMemberMetadata } from '@kit/organization';
import { defineRoute, json, jsonBody, noContent, router } from '../openapi/route';
import { requireActor, type SessionEnv } from '../session';
import {
  apiKeyParams,
  createApiKeyBody,
  createApiKeyResponse,
  listApiKeysResponse,
  memberMetadataBody,
  memberParams,
  organizationParams,
} from './api-key-schemas';
import { memberSchema } from './organization-schemas';

const tags = ['API keys'];
const sessionOnly = {
  401: ['UNAUTHORIZED'],
  403: ['INSUFFICIENT_PERMISSIONS', 'API_KEY_NOT_ALLOWED'],
} as const;

const create = defineRoute({
  method: 'post',
  path: '/{orgId}/api-keys',
  tags,
  summary: 'Create an organization API key',
  description:
    'The secret is in this response only; the key acts with its creator’s role, within its scopes. Owners and admins, signed in (a key cannot manage keys).',
  request: { params: organizationParams, body: jsonBody(createApiKeyBody) },
  responses: { 201: json(createApiKeyResponse, 'The key and its secret') },
  errors: { ...sessionOnly, 404: ['ORGANIZATION_NOT_FOUND'] },
});

const list = defineRoute({
  method: 'get',
  path: '/{orgId}/api-keys',
  tags,
  summary: "The organization's API keys (not revoked), newest first",
  request: { params: organizationParams },
  responses: { 200: json(listApiKeysResponse, 'The keys, by prefix') },
  errors: { ...sessionOnly, 404: ['ORGANIZATION_NOT_FOUND'] },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/{orgId}/api-keys/{keyId}',
  tags,
  summary: 'Revoke an API key at once',
  request: { params: apiKeyParams },
  responses: { 204: noContent('Revoked') },
  errors: { ...sessionOnly, 404: ['ORGANIZATION_NOT_FOUND', 'API_KEY_NOT_FOUND'] },
});

const metadata = defineRoute({
  method: 'patch',
  path: '/{orgId}/members/{memberId}/metadata',
  tags: ['Members'],
  summary: "Replace a member's metadata",
  description:
    'Owners and admins, or an API key with members:write. Limits as for invitation metadata (8 KB, 5 levels, 200 entries).',
  request: { params: memberParams, body: jsonBody(memberMetadataBody) },
  responses: { 200: json(memberSchema, 'The member with the new metadata') },
  errors: {
    401: ['UNAUTHORIZED', 'INVALID_API_KEY'],
    403: ['INSUFFICIENT_PERMISSIONS', 'INSUFFICIENT_SCOPE'],
    404: ['ORGANIZATION_NOT_FOUND', 'MEMBER_NOT_FOUND'],
  },
});

/** An organization's API keys (owners and admins, in a session) and member metadata. */
export const apiKeyRoutes = () =>
  router<SessionEnv>()
    .openapi(create, async (c) => {
      const { orgId } = c.req.valid('param');
      const created = await createApiKey({
        actor: requireActor(c),
        organizationId: orgId,
        input: c.req.valid('json'),
      });
      return c.json(created, 201);
    })
    .openapi(list, async (c) => {
      const { orgId } = c.req.valid('param');
      return c.json(
        { apiKeys: await listApiKeys({ actor: requireActor(c), organizationId: orgId }) },
        200,
      );
    })
    .openapi(revoke, async (c) => {
      const { orgId, keyId } = c.req.valid('param');
      await revokeApiKey({ actor: requireActor(c), organizationId: orgId, keyId });
      return c.body(null, 204);
    })
    .openapi(metadata, async (c) => {
      const { orgId, memberId } = c.req.valid('param');
      const member = await updateMemberMetadata({
        actor: requireActor(c),
        organizationId: orgId,
        memberId,
        input: c.req.valid('json'),
      });
      return c.json(member, 200);
    });
