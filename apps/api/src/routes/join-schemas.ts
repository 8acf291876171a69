import {
  INVITE_LINK_MAX_DAYS,
  INVITE_LINK_STATUSES,
  JOIN_REQUEST_STATUSES,
} from '@kit/organization';
import { z } from '@hono/zod-openapi';

/**
 * The shapes of the joining routes (invite links, join requests), for documentation and
 * contract tests. The services validate their own input with the same rules; these describe
 * the wire format.
 */

export const orgIdParams = z.object({ orgId: z.string().min(1) });
export const linkParams = orgIdParams.extend({ linkId: z.string().min(1) });
export const tokenParams = z.object({ token: z.string().min(1).max(200) });
export const requestParams = orgIdParams.extend({ requestId: z.string().min(1) });
export const ownRequestParams = z.object({ requestId: z.string().min(1) });

// Request bodies: the types are checked here, the limits by the services (with their messages).
export const createInviteLinkBody = z.object({
  role: z.string().optional(),
  expiresInDays: z
    .number()
    .optional()
    .openapi({ type: 'integer', minimum: 1, maximum: INVITE_LINK_MAX_DAYS, default: 7 }),
  maxUses: z
    .number()
    .nullable()
    .optional()
    .openapi({ type: ['integer', 'null'], minimum: 1 }),
  allowedDomains: z.array(z.string()).optional().openapi({ maxItems: 20 }),
  requiresApproval: z.boolean().optional(),
});

export const inviteLinkSchema = z.object({
  id: z.string(),
  role: z.string(),
  expiresAt: z.iso.datetime(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  allowedDomains: z.array(z.string()),
  requiresApproval: z.boolean(),
  status: z.enum(INVITE_LINK_STATUSES),
  createdBy: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

export const createdInviteLinkResponse = z.object({ link: inviteLinkSchema, url: z.url() });
export const inviteLinkListResponse = z.object({ links: z.array(inviteLinkSchema) });
export const inviteLinkResponse = z.object({ link: inviteLinkSchema });

export const inviteLinkPreviewResponse = z.object({
  organization: z.object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    logo: z.string().nullable(),
  }),
  role: z.string(),
  requiresApproval: z.boolean(),
  allowedDomains: z.array(z.string()),
  expiresAt: z.iso.datetime(),
  viewer: z.object({ member: z.boolean(), pendingRequestId: z.string().nullable() }).nullable(),
});

export const joinBody = z.object({ message: z.string().optional().openapi({ maxLength: 500 }) });
export const joinSignUpBody = z.object({
  name: z.string(),
  email: z.string(),
  password: z.string(),
});

export const joinRequestSchema = z.object({
  id: z.string(),
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  status: z.enum(JOIN_REQUEST_STATUSES),
  source: z.enum(['invite-link', 'domain']),
  role: z.string().nullable(),
  message: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  memberId: z.string().nullable(),
});

export const joinedResponse = z.object({
  organization: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  member: z.object({ id: z.string(), role: z.string() }),
});
export const requestedResponse = z.object({ request: joinRequestSchema });
export const joinSignUpResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  organization: z.object({ id: z.string(), name: z.string() }),
  verificationRequired: z.literal(true),
});

export const joinRequestListQuery = z.object({
  status: z.enum([...JOIN_REQUEST_STATUSES, 'all']).optional(),
});
export const joinRequestListResponse = z.object({ requests: z.array(joinRequestSchema) });
export const approveBody = z.object({ role: z.string().optional() });
export const approvedResponse = z.object({
  member: z.object({ id: z.string(), role: z.string(), userId: z.string() }),
  request: joinRequestSchema,
});
export const rejectBody = z.object({ reason: z.string().optional().openapi({ maxLength: 500 }) });
export const joinRequestResponse = z.object({ request: joinRequestSchema });
