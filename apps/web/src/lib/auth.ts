import { api } from './api';
import { organizationsResource } from './organizations';
import { removeQueries } from './query';
import { DEFAULT_AFTER_SIGN_IN } from './redirect';
import { sessionResource } from './session';
import type { SessionData, User } from './types';

/** Signs in and loads the new session. */
export async function signIn(values: {
  email: string;
  password: string;
}): Promise<SessionData | null> {
  await api('/api/auth/sign-in/email', {
    body: { email: values.email.trim(), password: values.password },
  });
  return sessionResource.load({ force: true });
}

/** Creates the account; no session yet: the verification e-mail's link signs the person in. */
export async function signUp(
  values: { name: string; email: string; password: string },
  callbackURL: string = DEFAULT_AFTER_SIGN_IN,
): Promise<{ user?: User }> {
  return api('/api/auth/sign-up/email', {
    body: {
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      callbackURL,
    },
  });
}

export async function signOut(): Promise<void> {
  try {
    await api('/api/auth/sign-out', { body: {} });
  } finally {
    sessionResource.set(null);
    organizationsResource.reset();
    removeQueries();
  }
}

export function sendVerificationEmail(
  email: string,
  callbackURL: string = DEFAULT_AFTER_SIGN_IN,
): Promise<unknown> {
  return api('/api/auth/send-verification-email', { body: { email: email.trim(), callbackURL } });
}

export function requestPasswordReset(email: string): Promise<unknown> {
  return api('/api/auth/request-password-reset', {
    body: { email: email.trim(), redirectTo: `${window.location.origin}/reset-password` },
  });
}

export function resetPassword(token: string, newPassword: string): Promise<unknown> {
  return api('/api/auth/reset-password', { body: { newPassword, token } });
}
