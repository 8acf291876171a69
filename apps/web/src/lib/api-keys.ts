import { API_KEY_SCOPES, type ApiKeyScope } from '@kit/organization/contracts';
import type { InferResponseType } from 'hono/client';
import { client, params, read } from './client';

export { API_KEY_SCOPES, type ApiKeyScope };
// The API's answer, typed from its routes.
export type ApiKey = InferResponseType<
  (typeof client.organizations)[':orgId']['api-keys']['$get']
>['apiKeys'][number];

/** What each scope lets a key do, for the create dialog. */
export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  'invitations:read': 'List invitations and check whether an invitation would be accepted',
  'invitations:write':
    'Invite people (one by one or in bulk), resend, renew and cancel invitations',
  'members:read': 'List members with their metadata, and read seat usage',
  'members:write': 'Change roles (never to owner), remove members and set their metadata',
};

/** Expiry choices offered in the create dialog, in days (null: never). */
export const EXPIRY_CHOICES: Array<{ label: string; days: number | null }> = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: '1 year', days: 365 },
  { label: 'Never', days: null },
];

const keys = client.organizations[':orgId']['api-keys'];

export const fetchApiKeys = (orgId: string) =>
  read(keys.$get({ param: params({ orgId }) })).then((r) => r.apiKeys);

export const createApiKey = (
  orgId: string,
  input: { name: string; scopes: ApiKeyScope[]; expiresInDays?: number },
) => read(keys.$post({ param: params({ orgId }), json: input }));

export const revokeApiKey = (orgId: string, keyId: string) =>
  read(keys[':keyId'].$delete({ param: params({ orgId, keyId }) }));
