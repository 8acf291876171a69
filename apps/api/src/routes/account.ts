import type { Auth } from '@kit/auth';
import { db, session } from '@kit/database';
import { organizationsOnlyOwnedBy } from '@kit/organization';
import Bowser from 'bowser';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { AppError } from '../errors';
import { requireActor, type SessionEnv } from '../session';
import { sessionParamsSchema, type DeletionCheck, type SessionView } from './account-schemas';

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

/**
 * The signed-in person's own account: their sessions (never their tokens) and whether the
 * account can be deleted. Listing and revoking go through better-auth's own endpoints.
 */
export const accountRoutes = (auth: Auth) =>
  new Hono<SessionEnv>()
    .get('/sessions', async (c) => {
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
      return c.json({ sessions });
    })
    .delete('/sessions/:id', async (c) => {
      const actor = requireActor(c);
      const parsed = sessionParamsSchema.safeParse({ id: c.req.param('id') });
      if (!parsed.success)
        throw new AppError(400, 'VALIDATION_ERROR', parsed.error.issues[0]!.message);
      const { id } = parsed.data;
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
      return c.json({ revoked: id });
    })
    .get('/deletion', async (c) => {
      const actor = requireActor(c);
      const soleOwnerOf = await organizationsOnlyOwnedBy(db, actor.userId);
      const check: DeletionCheck = { allowed: soleOwnerOf.length === 0, soleOwnerOf };
      return c.json(check);
    });
