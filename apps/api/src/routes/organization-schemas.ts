import { BULK_STATUSES, ENROLLMENT_MODES } from '@kit/organization';
import { z } from '@hono/zod-openapi';

/**
 * The wire format of the organization routes not covered by people-schemas.ts and
 * join-schemas.ts: organizations, seats, activity, the invitee's side, domains and suggestions.
 * The services validate their input with their own rules (and messages); these describe it.
 */

export const orgParams = z.object({ orgId: z.string().min(1).max(200) });
export const memberParams = orgParams.extend({ memberId: z.string().min(1).max(200) });
export const invitationParams = orgParams.extend({ invitationId: z.string().min(1).max(200) });
export const tokenParams = z.object({ token: z.string().min(1).max(500) });
export const domainParams = orgParams.extend({ domainId: z.string().min(1).max(200) });
export const suggestionParams = z.object({ domainId: z.string().min(1).max(200) });

const person = z.object({ id: z.string(), name: z.string(), email: z.string() });
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });
const orgCard = orgRef.extend({ logo: z.string().nullable() });

export const organizationSchema = orgCard
  .extend({ createdAt: z.string(), role: z.string() })
  .openapi('Organization');
export const organizationListResponse = z.object({ organizations: z.array(organizationSchema) });

export const createOrganizationBody = z.object({
  name: z.string().openapi({ description: '2 to 80 characters, one line.' }),
  slug: z.string().optional().openapi({ description: 'Lowercase letters, digits, hyphens.' }),
});
export const updateOrganizationBody = z.object({
  name: z.string().optional(),
  slug: z.string().optional(),
  logo: z.string().nullable().optional().openapi({ description: 'An https URL, or null.' }),
});

export const memberSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    image: z.string().nullable(),
    role: z.string(),
    joinedAt: z.string(),
    /** Kept from the invitation accepted; see PATCH …/members/:memberId/metadata. */
    metadata: z.record(z.string(), z.unknown()),
  })
  .openapi('Member');
export const transferOwnershipBody = z.object({ memberId: z.string() });
export const transferOwnershipResponse = z.object({
  newOwner: memberSchema,
  previousOwner: memberSchema,
});
export const updateMemberRoleBody = z.object({ role: z.string() });

export const seatUsageResponse = z.object({
  plan: z.string(),
  limit: z.number().int().nullable(),
  members: z.number().int(),
  pending: z.number().int(),
  available: z.number().int().nullable(),
});

export const activityQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(300).optional(),
});
export const activityPageResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actor: person.nullable(),
      apiKey: z
        .object({ id: z.string(), name: z.string() })
        .nullable()
        .optional()
        .describe('The API key that made the change, when a script made it.'),
      targetType: z.string(),
      targetId: z.string().nullable(),
      targetLabel: z.string().nullable(),
      targetName: z.string().nullable().optional(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const invitationPermissionQuery = z.object({
  email: z.string().optional(),
  role: z.string().optional(),
});
export const invitationPermissionResponse = z.union([
  z.object({ allowed: z.literal(true) }),
  z.object({
    allowed: z.literal(false),
    code: z.string(),
    message: z.string(),
    remediation: z.string().optional(),
  }),
]);

export const createInvitationBody = z.object({
  email: z.string(),
  role: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const bulkQuery = z.object({
  dryRun: z.string().optional().openapi({ description: '`1` or `true`: check without inviting.' }),
});
/** Rows are checked one by one: a malformed row becomes that row's result, not a 400. */
export const bulkJsonBody = z.object({
  invitations: z
    .array(z.unknown(), { error: 'Send {"invitations": [{"email", "role", "metadata"?}]}.' })
    .openapi({
      items: {
        type: 'object',
        properties: {
          email: { type: 'string' },
          role: { type: 'string' },
          metadata: { type: 'object' },
        },
      },
    }),
});
export const bulkResultResponse = z.object({
  dryRun: z.boolean(),
  summary: z.record(z.enum([...BULK_STATUSES, 'total']), z.number().int()),
  results: z.array(
    z.object({
      row: z.number().int(),
      line: z.number().int().optional(),
      email: z.string(),
      role: z.string(),
      status: z.enum(BULK_STATUSES),
      code: z.string().optional(),
      message: z.string().optional(),
      remediation: z.string().optional(),
      invitationId: z.string().optional(),
      duplicateOfRow: z.number().int().optional(),
    }),
  ),
});

export const invitationPreviewResponse = z.object({
  organization: orgCard,
  inviter: z.object({ name: z.string() }).nullable(),
  email: z.string(),
  role: z.string(),
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
export const acceptedInvitationResponse = z.object({
  organization: orgRef,
  member: z.object({ id: z.string(), role: z.string() }),
});
export const declinedInvitationResponse = z.object({
  status: z.literal('declined'),
  invitation: invitationPreviewResponse,
});
export const invitationSignUpBody = z.object({ name: z.string(), password: z.string() });
export const invitationSignUpResponse = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  organization: orgRef,
  member: z.object({ id: z.string(), role: z.string() }),
});

export const domainSchema = z
  .object({
    id: z.string(),
    domain: z.string(),
    status: z.enum(['pending', 'verified']),
    verificationEmail: z.string(),
    verifiedAt: z.string().nullable(),
    codeExpiresAt: z.string().nullable(),
    attemptsLeft: z.number().int().nullable(),
    enrollmentMode: z.enum(ENROLLMENT_MODES),
    createdAt: z.string(),
  })
  .openapi('Domain');
export const domainListResponse = z.object({ domains: z.array(domainSchema) });
export const domainResponse = z.object({ domain: domainSchema });
export const addDomainBody = z.object({
  domain: z.string(),
  email: z.string().openapi({ description: 'An address at the domain; the code goes there.' }),
});
export const verifyDomainBody = z.object({ code: z.string().openapi({ example: '123456' }) });
export const updateDomainBody = z.object({ enrollmentMode: z.string() });

export const suggestionListResponse = z.object({
  suggestions: z.array(
    z.object({
      domainId: z.string(),
      domain: z.string(),
      kind: z.enum(['invitation', 'suggestion']),
      organization: orgCard,
      role: z.string(),
      pendingRequestId: z.string().nullable(),
    }),
  ),
});

/**
 * Refused input in the services' own format (VALIDATION_ERROR, the first problem's message,
 * `details.fields`), for routes whose services validated the body before it was declared here.
 */
export const serviceInput = (error: z.ZodError) => ({
  code: 'VALIDATION_ERROR',
  message: serviceMessage(error.issues[0]),
  details: {
    fields: error.issues.map((issue) => ({
      field: issue.path.join('.') || null,
      message: issue.message,
    })),
  },
});

/** A wrong JSON type names its field (the services' own messages name theirs). */
function serviceMessage(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'Invalid input.';
  const field = issue.path.join('.');
  return issue.code === 'invalid_type' && field ? `${field}: ${issue.message}` : issue.message;
}
