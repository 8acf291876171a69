import type { ApiKeyScope } from './contracts';

/** The organization API key a request was made with (see api-keys.ts). */
export interface ApiKeyActor {
  id: string;
  name: string;
  /** The one organization the key works for; any other answers ORGANIZATION_NOT_FOUND. */
  organizationId: string;
  scopes: readonly ApiKeyScope[];
}

/**
 * Who is calling a service: the signed-in user (and their session, when there is one). A call
 * made with an API key carries `apiKey`; `userId` is then the person who created the key, whose
 * membership and role decide what the key may do.
 */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  sessionId?: string;
  apiKey?: ApiKeyActor;
}
