import type { InferResponseType } from 'hono/client';
import { client, params, read } from './client';
import { sessionResource } from './session';

/**
 * The signed-in person's account. Name, address, password and deletion are better-auth's own
 * endpoints under /api/auth; sessions come from /api/account, which never hands out tokens.
 */

const account = client.account;

/** better-auth's client, loaded on first use (./auth-client.ts). */
const auth = () => import('./auth-client');

// The API's answers, typed from its routes.
export type AccountSession = InferResponseType<typeof account.sessions.$get>['sessions'][number];
export type DeletionCheck = InferResponseType<typeof account.deletion.$get>;

export const ACCOUNT_SESSIONS_KEY = 'account:sessions';
export const ACCOUNT_DELETION_KEY = 'account:deletion';

export async function updateName(name: string): Promise<void> {
  const { authClient, unwrap } = await auth();
  await unwrap(authClient.updateUser({ name: name.trim() }));
  const current = sessionResource.get();
  if (current) sessionResource.set({ ...current, user: { ...current.user, name: name.trim() } });
}

/** Sends the confirmation link to `newEmail` (and a notice to the current address). */
export async function changeEmail(newEmail: string) {
  const { authClient, unwrap } = await auth();
  return unwrap(
    authClient.changeEmail({
      newEmail: newEmail.trim(),
      callbackURL: '/account?notice=email-changed',
    }),
  );
}

export async function changePassword(values: {
  currentPassword: string;
  newPassword: string;
  revokeOtherSessions: boolean;
}) {
  const { authClient, unwrap } = await auth();
  return unwrap(authClient.changePassword(values));
}

export async function listSessions(): Promise<AccountSession[]> {
  return (await read(account.sessions.$get())).sessions;
}

export function revokeSession(id: string) {
  return read(account.sessions[':id'].$delete({ param: params({ id }) }));
}

export async function revokeOtherSessions() {
  const { authClient, unwrap } = await auth();
  return unwrap(authClient.revokeOtherSessions());
}

export function deletionCheck(): Promise<DeletionCheck> {
  return read(account.deletion.$get());
}

export async function deleteAccount(password: string) {
  const { authClient, unwrap } = await auth();
  return unwrap(authClient.deleteUser({ password }));
}

/** "Chrome 126 on macOS", "Safari on iOS", "Unknown browser". */
export function describeSession(s: Pick<AccountSession, 'browser' | 'browserVersion' | 'os'>) {
  const browser = s.browser
    ? `${s.browser}${s.browserVersion ? ` ${s.browserVersion}` : ''}`
    : 'Unknown browser';
  return s.os ? `${browser} on ${s.os}` : browser;
}
