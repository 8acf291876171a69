import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyView } from '@kit/organization/contracts';
import { api } from './api';

export { API_KEY_SCOPES, type ApiKeyScope };
export type ApiKey = ApiKeyView;

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

const base = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}/api-keys`;

export const fetchApiKeys = (orgId: string) =>
  api<{ apiKeys: ApiKey[] }>(base(orgId)).then((r) => r.apiKeys);

export const createApiKey = (
  orgId: string,
  input: { name: string; scopes: ApiKeyScope[]; expiresInDays?: number },
) => api<{ apiKey: ApiKey; secret: string }>(base(orgId), { body: input });

export const revokeApiKey = (orgId: string, keyId: string) =>
  api<void>(`${base(orgId)}/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
