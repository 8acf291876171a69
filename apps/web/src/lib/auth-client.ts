import { createAuthClient } from 'better-auth/react';
import { apiFetch, parseApiError } from './api';

/**
 * better-auth's client for the endpoints under /api/auth (sign-in, sign-up, password, e-mail,
 * sessions, account deletion). It fetches like the typed API client (./client.ts): the session
 * cookie is sent and a non-2xx answer throws ApiError with the answer's code and message.
 *
 * Import it with `await import('./auth-client')` (as ./auth.ts and ./account.ts do), types with
 * `import type`: pages that never sign in or out then do not download it.
 */
export const authClient = createAuthClient({
  baseURL: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  basePath: '/api/auth',
  fetchOptions: {
    customFetchImpl: apiFetch,
    // Dates stay ISO strings, as in every other answer of the API.
    jsonParser: (text: string) => (text ? (JSON.parse(text) as unknown) : null),
  },
});

type AuthResult<T> =
  | { data: T; error: null }
  | { data: null; error: { status: number; statusText: string; [key: string]: unknown } };

/** The data of an auth call; its error (should one be returned rather than thrown) as ApiError. */
export async function unwrap<T>(call: Promise<AuthResult<T>>): Promise<T> {
  const { data, error } = await call;
  if (error) throw parseApiError(error.status, error);
  return data as T;
}

/** A value as it arrives in JSON: dates are ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

type AuthSession = (typeof authClient.$Infer)['Session'];

/** The signed-in person, as /api/auth answers. */
export type User = Serialized<AuthSession['user']>;

export type Session = Serialized<AuthSession['session']> & {
  /** The organization the session works in (set by creating, switching to or joining one). */
  activeOrganizationId?: string | null;
};

export type SessionData = { session: Session; user: User };
