import { AsyncLocalStorage } from 'node:async_hooks';
import { APIError } from 'better-auth/api';
import type { SignupMode } from './env';

/** `proven`: the emailed invitation proved the address (no verification email is sent). */
const invitationSignup = new AsyncLocalStorage<{ email: string; proven: boolean }>();

/**
 * Runs `fn` with permission to create the account for `email` even when public sign-up is
 * closed. The invitation service uses it after it has validated the invitation.
 */
export function withInvitationSignup<T>(email: string, fn: () => Promise<T>): Promise<T> {
  return invitationSignup.run({ email: email.toLowerCase(), proven: true }, fn);
}

/**
 * Like `withInvitationSignup`, for a shareable invite link: sign-up is allowed even when it is
 * invite-only, but a link proves nothing about the address, so the verification email goes out.
 */
export function withLinkSignup<T>(email: string, fn: () => Promise<T>): Promise<T> {
  return invitationSignup.run({ email: email.toLowerCase(), proven: false }, fn);
}

/** True while the account for `email` is being created through an emailed invitation. */
export function isInvitationSignup(email: string): boolean {
  const store = invitationSignup.getStore();
  return store?.proven === true && store.email === email.toLowerCase();
}

export const SIGNUP_DISABLED = {
  code: 'SIGNUP_DISABLED',
  message: 'Sign-up is by invitation only. Ask an organization owner or admin to invite you.',
} as const;

/**
 * The last line of defence: called before any user row is created, whatever the path
 * (email sign-up, a social provider, a plugin). In invite-only mode only an account
 * created through a valid invitation for that same email passes.
 */
export function assertSignupAllowed(mode: SignupMode, email: string): void {
  if (mode === 'open') return;
  const allowed = invitationSignup.getStore();
  if (allowed && allowed.email === email.toLowerCase()) return;
  throw new APIError('FORBIDDEN', { ...SIGNUP_DISABLED });
}
