import type { Auth } from '@kit/auth';
import { db, session } from '@kit/database';
import { organizationsOnlyOwnedBy } from '@kit/organization';
import Bowser from 'bowser';
import { and, eq } from 'drizzle-orm';
import { defineRoute, json, router } from '../openapi/route';
import { AppError } from '../errors';
import { requireActor, type SessionEnv } from '../session';
import {
  deletionCheckSchema,
  revokedSessionSchema,
  sessionListSchema,
  sessionParamsSchema,
  type DeletionCheck,
  type SessionView,
} from './account-schemas';

const DEVICES = new Set<SessionView['device']>(['desktop', 'mobile', 'tablet', 'tv']);

/** Browser, system and kind of device, as far as the user agent tells. */
export function describeUserAgent(
  userAgent: string | null | undefined,
): Pick<SessionView, 'browser' | 'browserVersion' | 'os' | 'device'> {
  if (!userAgent) return { browser: null, browserVersion: null, os: null, device: 'unknown' };
  const parsed = Bowser.parse(userAgent);
  const type = parsed.platform.type as SessionView['device'] | undefined;
  const major = parsed.browser.version?.split('.')[0];
  return {
    browser: parsed.browser.name || null,
    browserVersion: major || null,
    os: parsed.os.name || null,
    device: type && DEVICES.has(type) ? type : 'unknown',
  };
}

type ListedSession = {
  id: string;
  userAgent?: string | null;
  ipAddress?: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
};

const tags = ['Account'];

const listSessions = defineRoute({
  method: 'get',
  path: '/sessions',
  tags,
  summary: 'Your signed-in sessions (the current one first)',
  responses: { 200: json(sessionListSchema, 'The sessions, never their tokens') },
  errors: { 401: ['UNAUTHORIZED'] },
});
const revokeSession = defineRoute({
  method: 'delete',
  path: '/sessions/{id}',
  tags,
  summary: 'Sign out one of your other sessions',
  request: { params: sessionParamsSchema },
  responses: { 200: json(revokedSessionSchema, 'The ended session') },
  errors: { 400: ['CURRENT_SESSION'], 401: ['UNAUTHORIZED'], 404: ['SESSION_NOT_FOUND'] },
  invalid: (error) => ({
    code: 'VALIDATION_ERROR',
    message: error.issues[0]?.message ?? 'Invalid session.',
  }),
});
const deletion = defineRoute({
  method: 'get',
  path: '/deletion',
  tags,
  summary: 'May this account be deleted now?',
  responses: { 200: json(deletionCheckSchema, 'Allowed, or the organizations that keep it') },
  errors: { 401: ['UNAUTHORIZED'] },
});

/**
 * The signed-in person's own account: their sessions (never their tokens) and whether the
 * account can be deleted. Listing and revoking go through better-auth's own endpoints.
 */
export const accountRoutes = (auth: Auth) =>
  router<SessionEnv>()
    .openapi(listSessions, async (c) => {
      const actor = requireActor(c);
      const listed = (await auth.api.listSessions({
        headers: c.req.raw.headers,
      })) as ListedSession[];
      const sessions: SessionView[] = listed
        .map((s) => ({
          id: s.id,
          current: s.id === actor.sessionId,
          ...describeUserAgent(s.userAgent),
          ipAddress: s.ipAddress || null,
          createdAt: new Date(s.createdAt).toISOString(),
          lastSeenAt: new Date(s.updatedAt).toISOString(),
        }))
        // The current one first, then the most recently used.
        .sort(
          (a, b) =>
            Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
        );
      return c.json({ sessions }, 200);
    })
    .openapi(revokeSession, async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid('param');
      if (id === actor.sessionId) {
        throw new AppError(400, 'CURRENT_SESSION', 'This is the session you are using.', {
          remediation: 'Use "Sign out" to end it.',
        });
      }
      // Only the person's own sessions: any other id reads as missing.
      const [row] = await db
        .select({ token: session.token })
        .from(session)
        .where(and(eq(session.id, id), eq(session.userId, actor.userId)))
        .limit(1);
      if (!row) throw new AppError(404, 'SESSION_NOT_FOUND', 'This session has already ended.');
      await auth.api.revokeSession({ headers: c.req.raw.headers, body: { token: row.token } });
      return c.json({ revoked: id }, 200);
    })
    .openapi(deletion, async (c) => {
      const actor = requireActor(c);
      const soleOwnerOf = await organizationsOnlyOwnedBy(db, actor.userId);
      const check: DeletionCheck = { allowed: soleOwnerOf.length === 0, soleOwnerOf };
      return c.json(check, 200);
    });
