import { API_KEY_SCOPES, createApiKeyInput } from '@kit/organization';
import { z } from 'zod';

/**
 * The API key routes' request and response shapes (routes/api-keys.ts). Error codes: 400
 * VALIDATION_ERROR; 401 UNAUTHORIZED; 403 INSUFFICIENT_PERMISSIONS, API_KEY_NOT_ALLOWED (a key
 * cannot manage keys); 404 ORGANIZATION_NOT_FOUND, API_KEY_NOT_FOUND.
 */

const id = z.string().min(1).max(200);

export const organizationParams = z.object({ orgId: id });
export const apiKeyParams = organizationParams.extend({ keyId: id });
export const memberParams = organizationParams.extend({ memberId: id });

export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

/** `{ name, scopes, expiresInDays? }`: the organization services validate with the same schema. */
export const createApiKeyBody = createApiKeyInput();

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().startsWith('kit_'),
  scopes: z.array(apiKeyScopeSchema),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
});

export const createApiKeyResponse = z.object({
  apiKey: apiKeySchema,
  /** The key itself (`kit_…`): shown this once, stored only as a hash. */
  secret: z.string().startsWith('kit_'),
});

export const listApiKeysResponse = z.object({ apiKeys: z.array(apiKeySchema) });

/** `{ metadata }`: replaces the member's metadata (limits as for invitation metadata). */
export const memberMetadataBody = z.strictObject({
  metadata: z.record(z.string(), z.unknown()),
});
