import { apiFetch, readBody } from './api';
import type { SessionData } from './auth-client';
import { createResource } from './resource';

/**
 * The signed-in person and their session, from better-auth's get-session endpoint. Read with the
 * API's fetch rather than the auth client, which every page would then have to download.
 */
export const sessionResource = createResource(async () => {
  const data = (await readBody(await apiFetch('/api/auth/get-session'))) as SessionData | null;
  return data && data.user ? data : null;
});

/** The signed-in user and session (null when signed out), plus a way to refetch them. */
export function useSession() {
  const data = sessionResource.use() ?? null;
  return {
    user: data?.user ?? null,
    session: data?.session ?? null,
    refresh: () => sessionResource.load({ force: true }),
  };
}
