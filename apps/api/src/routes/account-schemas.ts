import { z } from 'zod';

/**
 * Input and output of /api/account (the signed-in person's own account). Name, email, password
 * and account deletion go through better-auth's endpoints under /api/auth.
 */

/** `:id` of DELETE /api/account/sessions/:id. */
export const sessionParamsSchema = z.object({
  id: z.string().min(1, 'Choose a session.').max(200, 'Unknown session.'),
});

export const sessionViewSchema = z.object({
  id: z.string(),
  /** The session this request was made with. */
  current: z.boolean(),
  /** From the user agent: "Chrome", "Firefox"; null when it names no known browser. */
  browser: z.string().nullable(),
  browserVersion: z.string().nullable(),
  /** "macOS", "Windows", "iOS", "Android"… */
  os: z.string().nullable(),
  device: z.enum(['desktop', 'mobile', 'tablet', 'tv', 'unknown']),
  ipAddress: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** Last time the session was used and refreshed (to within a day). */
  lastSeenAt: z.iso.datetime(),
});

export const sessionListSchema = z.object({ sessions: z.array(sessionViewSchema) });

export const revokedSessionSchema = z.object({ revoked: z.string() });

export const ownedOrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
});

/** Whether the account may be deleted now, and if not, which organizations keep it. */
export const deletionCheckSchema = z.object({
  allowed: z.boolean(),
  /** Organizations whose only owner is this account (code LAST_OWNER while not empty). */
  soleOwnerOf: z.array(ownedOrganizationSchema),
});

export type SessionView = z.infer<typeof sessionViewSchema>;
export type DeletionCheck = z.infer<typeof deletionCheckSchema>;
