import type { Actor } from '@kit/organization';

/** How long a verified session is reused without asking better-auth again. */
export const SESSION_MEMO_MS = 30_000;
const MAX_ENTRIES = 10_000;

/** The session cookie's name and signed value: the memo's key (unforgeable without the secret). */
const SESSION_COOKIE = /(?:^|;\s*)((?:__Secure-)?[\w.-]*session_token)=([^;]+)/;

/**
 * Sessions this process verified in the last few seconds, by session cookie. better-auth checks
 * a session with a database read, or with its cookie cache at the price of WebCrypto key imports
 * and HMAC checks on every request (measured: slower than the read on a busy 2-core machine).
 * A hit here costs a map lookup.
 *
 * Trade-off: a session revoked by another process (another API instance, a database edit)
 * keeps passing the API's session check here for up to SESSION_MEMO_MS. Every sign-out,
 * revocation, password or email change and account deletion handled by this process clears the
 * memo at once (`forgetAll`), and /api/auth/get-session always reads the database.
 */
export function createSessionMemo(now: () => number = Date.now) {
  const entries = new Map<string, { actor: Actor; until: number }>();
  return {
    key(cookieHeader: string | undefined): string | undefined {
      const match = cookieHeader ? SESSION_COOKIE.exec(cookieHeader) : null;
      return match ? `${match[1]}=${match[2]}` : undefined;
    },
    get(key: string): Actor | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until > now()) return hit.actor;
      entries.delete(key);
      return undefined;
    },
    /** Only signed-in sessions are kept: a sign-in must never be hidden behind a stale miss. */
    set(key: string, actor: Actor) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { actor, until: now() + SESSION_MEMO_MS });
    },
    forgetAll() {
      entries.clear();
    },
  };
}

export type SessionMemo = ReturnType<typeof createSessionMemo>;
