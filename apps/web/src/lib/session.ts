import { api } from './api';
import { createResource } from './resource';
import type { SessionData } from './types';

export const sessionResource = createResource(async () => {
  const data = await api<SessionData | null | undefined>('/api/auth/get-session');
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
