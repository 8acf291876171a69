import { authClient, unwrap, type SessionData } from './auth-client';
import { organizationsResource } from './organizations';
import { removeQueries } from './query';
import { DEFAULT_AFTER_SIGN_IN } from './redirect';
import { sessionResource } from './session';

/** Signs in and loads the new session. */
export async function signIn(values: {
  email: string;
  password: string;
}): Promise<SessionData | null> {
  await unwrap(authClient.signIn.email({ email: values.email.trim(), password: values.password }));
  return sessionResource.load({ force: true });
}

/** Creates the account; no session yet: the verification e-mail's link signs the person in. */
export function signUp(
  values: { name: string; email: string; password: string },
  callbackURL: string = DEFAULT_AFTER_SIGN_IN,
) {
  return unwrap(
    authClient.signUp.email({
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      callbackURL,
    }),
  );
}

export async function signOut(): Promise<void> {
  try {
    await unwrap(authClient.signOut());
  } finally {
    sessionResource.set(null);
    organizationsResource.reset();
    removeQueries();
  }
}

export function sendVerificationEmail(email: string, callbackURL: string = DEFAULT_AFTER_SIGN_IN) {
  return unwrap(authClient.sendVerificationEmail({ email: email.trim(), callbackURL }));
}

export function requestPasswordReset(email: string) {
  return unwrap(
    authClient.requestPasswordReset({
      email: email.trim(),
      redirectTo: `${window.location.origin}/reset-password`,
    }),
  );
}

export function resetPassword(token: string, newPassword: string) {
  return unwrap(authClient.resetPassword({ newPassword, token }));
}
