import type { Auth } from '@kit/auth';
import type { Actor } from '@kit/organization';
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { apiKeyActor, bearerToken } from './api-key-access';
import { AppError } from './errors';
import type { SessionMemo } from './session-memo';

export type SessionEnv = { Variables: { actor: Actor | null } };

/**
 * Reads the better-auth session cookie; `actor` is null when signed out. With a memo, a session
 * verified moments ago is reused (see session-memo.ts for the trade-off). A request with
 * `Authorization: Bearer …` is made with an organization API key instead, and only the key
 * counts (see api-key-access.ts): its cookies, if any, are not read.
 */
export const withSession = (auth: Auth, memo?: SessionMemo) =>
  createMiddleware<SessionEnv>(async (c, next) => {
    const bearer = bearerToken(c);
    if (bearer !== undefined) {
      c.set('actor', await apiKeyActor(c, bearer));
      return next();
    }
    const key = memo?.key(c.req.header('cookie'));
    const remembered = key ? memo!.get(key) : undefined;
    if (remembered) {
      c.set('actor', remembered);
      return next();
    }
    const current = await auth.api.getSession({ headers: c.req.raw.headers });
    const actor = current
      ? {
          userId: current.user.id,
          name: current.user.name,
          email: current.user.email,
          sessionId: current.session.id,
        }
      : null;
    if (actor && key) memo!.set(key, actor);
    c.set('actor', actor);
    await next();
  });

export function requireActor(c: Context<SessionEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError(401, 'UNAUTHORIZED', 'Sign in to continue.');
  return actor;
}

/** The JSON body, or a 400 naming the problem; an empty body reads as {}. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}
