import {
  BATCH_ACTIONS,
  INVITATION_SORTS,
  INVITATION_STATUSES,
  MAX_BATCH_INVITATIONS,
  MAX_PAGE_SIZE,
  MEMBER_SORTS,
} from '@kit/organization';
import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Query and body schemas of the People routes (members, invitations, batch actions), with
 * their responses, for the route handlers and the API contract.
 *
 * Lists are paged by limit/offset with a total: the People view shows page numbers and "1–25 of
 * 240", which need the total, and a person jumps to a page or re-sorts at any time. The page
 * query computes the total in the same statement (`count(*) over ()`), so it costs no extra
 * round trip. Keyset cursors (`cursor`) stay available on the invitations list for callers that
 * follow every page.
 */

const order = z.enum(['asc', 'desc']);
const search = z.string().trim().max(200, 'Search text is at most 200 characters.');
const limit = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE);
const offset = z.coerce.number().int().min(0).max(1_000_000);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'Invalid id.');

export const memberListQuery = z
  .object({
    q: search.optional(),
    sort: z.enum(MEMBER_SORTS).optional(),
    order: order.optional(),
    limit: limit.optional(),
    offset: offset.optional(),
  })
  .strict();

const statusList = z
  .string()
  .transform((text) => (text === 'all' ? [...INVITATION_STATUSES] : text.split(',')))
  .pipe(z.array(z.enum(INVITATION_STATUSES)).min(1));

export const invitationListQuery = z
  .object({
    status: statusList.optional(),
    q: search.optional(),
    sort: z.enum(INVITATION_SORTS).optional(),
    order: order.optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: offset.optional(),
    cursor: z.string().max(300).optional(),
    /** Only these invitations, comma-separated: refreshes the rows on screen. */
    ids: z
      .string()
      .transform((text) => text.split(',').filter(Boolean))
      .pipe(z.array(id).min(1).max(MAX_PAGE_SIZE))
      .optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.cursor && isOffsetQuery(query)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'cursor pages newest first and cannot be combined with offset, sort, order, q or ids.',
      });
    }
    if (isOffsetQuery(query) && query.limit && query.limit > MAX_PAGE_SIZE) {
      ctx.addIssue({ code: 'custom', message: `limit is at most ${MAX_PAGE_SIZE}.` });
    }
  });

/**
 * Any of offset, sort, order, q or ids asks for an offset page with totals; without them the list
 * answers as it always did (newest first, keyset `cursor`, up to 500 a page).
 */
export function isOffsetQuery(query: {
  offset?: number;
  sort?: string;
  order?: string;
  q?: string;
  ids?: string[];
}): boolean {
  return (
    query.offset !== undefined ||
    query.sort !== undefined ||
    query.order !== undefined ||
    query.q !== undefined ||
    query.ids !== undefined
  );
}

export const invitationBatchBody = z
  .object({
    action: z.enum(BATCH_ACTIONS),
    ids: z
      .array(id)
      .min(1, 'Select at least one invitation.')
      .max(MAX_BATCH_INVITATIONS, `Select at most ${MAX_BATCH_INVITATIONS} invitations.`),
  })
  .strict();

const memberView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  image: z.string().nullable(),
  role: z.string(),
  joinedAt: z.string(),
  /** Kept from the invitation accepted; see PATCH …/members/:memberId/metadata. */
  metadata: z.record(z.string(), z.unknown()),
});

const invitationView = z.object({
  id: z.string(),
  organizationId: z.string(),
  email: z.string(),
  role: z.string(),
  status: z.enum(INVITATION_STATUSES),
  metadata: z.record(z.string(), z.unknown()),
  inviter: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  delivery: z
    .object({
      status: z.string(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
  resendAvailableAt: z.string().nullable(),
});

export const memberPageResponse = z.object({
  members: z.array(memberView),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

const invitationCursorPage = z.object({
  invitations: z.array(invitationView),
  /** Keyset continuation for callers following every page (newest first); null on the last. */
  nextCursor: z.string().nullable(),
});

/** Asked with offset, sort, order, q or ids: totals, and the matches in each open state. */
const invitationOffsetPage = invitationCursorPage.extend({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  counts: z.object({ pending: z.number().int(), expired: z.number().int() }),
});

export const invitationPageResponse = z.union([invitationOffsetPage, invitationCursorPage]);

export const invitationBatchResponse = z.object({
  action: z.enum(BATCH_ACTIONS),
  results: z.array(
    z.union([
      z.object({ id: z.string(), ok: z.literal(true), invitation: invitationView }),
      z.object({
        id: z.string(),
        ok: z.literal(false),
        error: z.object({
          code: z.string(),
          message: z.string(),
          status: z.number().int(),
          retryAfter: z.number().int().optional(),
        }),
      }),
    ]),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

export const renewInvitationResponse = z.object({ invitation: invitationView });

/** Parses with `schema` or answers 400 VALIDATION_ERROR naming the first problem. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AppError(400, 'VALIDATION_ERROR', `${where}${issue?.message ?? 'Invalid request'}`, {
    details: { issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) },
  });
}
