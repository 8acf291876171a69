import { api } from './api';
import { sessionResource } from './session';
import type { User } from './types';

/**
 * The signed-in person's account. Name, address, password and deletion are better-auth's own
 * endpoints under /api/auth; sessions come from /api/account, which never hands out tokens.
 */

export type AccountSession = {
  id: string;
  current: boolean;
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  device: 'desktop' | 'mobile' | 'tablet' | 'tv' | 'unknown';
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
};

export type DeletionCheck = {
  allowed: boolean;
  soleOwnerOf: { id: string; name: string; slug: string }[];
};

export const ACCOUNT_SESSIONS_KEY = 'account:sessions';
export const ACCOUNT_DELETION_KEY = 'account:deletion';

export async function updateName(name: string): Promise<void> {
  await api('/api/auth/update-user', { body: { name: name.trim() } });
  const current = sessionResource.get();
  if (current) sessionResource.set({ ...current, user: { ...current.user, name: name.trim() } });
}

/** Sends the confirmation link to `newEmail` (and a notice to the current address). */
export function changeEmail(newEmail: string): Promise<unknown> {
  return api('/api/auth/change-email', {
    body: { newEmail: newEmail.trim(), callbackURL: '/account?notice=email-changed' },
  });
}

export function changePassword(values: {
  currentPassword: string;
  newPassword: string;
  revokeOtherSessions: boolean;
}): Promise<{ user: User }> {
  return api('/api/auth/change-password', { body: values });
}

export async function listSessions(): Promise<AccountSession[]> {
  return (await api<{ sessions: AccountSession[] }>('/api/account/sessions')).sessions;
}

export function revokeSession(id: string): Promise<unknown> {
  return api(`/api/account/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function revokeOtherSessions(): Promise<unknown> {
  return api('/api/auth/revoke-other-sessions', { body: {} });
}

export function deletionCheck(): Promise<DeletionCheck> {
  return api<DeletionCheck>('/api/account/deletion');
}

export function deleteAccount(password: string): Promise<unknown> {
  return api('/api/auth/delete-user', { body: { password } });
}

/** "Chrome 126 on macOS", "Safari on iOS", "Unknown browser". */
export function describeSession(s: Pick<AccountSession, 'browser' | 'browserVersion' | 'os'>) {
  const browser = s.browser
    ? `${s.browser}${s.browserVersion ? ` ${s.browserVersion}` : ''}`
    : 'Unknown browser';
  return s.os ? `${browser} on ${s.os}` : browser;
}
