import type { InferResponseType } from 'hono/client';
import { authClient, unwrap } from './auth-client';
import { client, params, read } from './client';
import { sessionResource } from './session';

/**
 * The signed-in person's account. Name, address, password and deletion are better-auth's own
 * endpoints under /api/auth; sessions come from /api/account, which never hands out tokens.
 */

const account = client.account;

// The API's answers, typed from its routes.
export type AccountSession = InferResponseType<typeof account.sessions.$get>['sessions'][number];
export type DeletionCheck = InferResponseType<typeof account.deletion.$get>;

export const ACCOUNT_SESSIONS_KEY = 'account:sessions';
export const ACCOUNT_DELETION_KEY = 'account:deletion';

export async function updateName(name: string): Promise<void> {
  await unwrap(authClient.updateUser({ name: name.trim() }));
  const current = sessionResource.get();
  if (current) sessionResource.set({ ...current, user: { ...current.user, name: name.trim() } });
}

/** Sends the confirmation link to `newEmail` (and a notice to the current address). */
export function changeEmail(newEmail: string) {
  return unwrap(
    authClient.changeEmail({
      newEmail: newEmail.trim(),
      callbackURL: '/account?notice=email-changed',
    }),
  );
}

export function changePassword(values: {
  currentPassword: string;
  newPassword: string;
  revokeOtherSessions: boolean;
}) {
  return unwrap(authClient.changePassword(values));
}

export async function listSessions(): Promise<AccountSession[]> {
  return (await read(account.sessions.$get())).sessions;
}

export function revokeSession(id: string) {
  return read(account.sessions[':id'].$delete({ param: params({ id }) }));
}

export function revokeOtherSessions() {
  return unwrap(authClient.revokeOtherSessions());
}

export function deletionCheck(): Promise<DeletionCheck> {
  return read(account.deletion.$get());
}

export function deleteAccount(password: string) {
  return unwrap(authClient.deleteUser({ password }));
}

/** "Chrome 126 on macOS", "Safari on iOS", "Unknown browser". */
export function describeSession(s: Pick<AccountSession, 'browser' | 'browserVersion' | 'os'>) {
  const browser = s.browser
    ? `${s.browser}${s.browserVersion ? ` ${s.browserVersion}` : ''}`
    : 'Unknown browser';
  return s.os ? `${browser} on ${s.os}` : browser;
}
