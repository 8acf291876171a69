import { authClient, unwrap, type SessionData } from './auth-client';
import { createResource } from './resource';

export const sessionResource = createResource(async () => {
  const data = (await unwrap(authClient.getSession())) as SessionData | null;
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
