import type { SessionData } from './auth-client';
import { organizationsResource } from './organizations';
import { removeQueries } from './query';
import { DEFAULT_AFTER_SIGN_IN } from './redirect';
import { sessionResource } from './session';

/** better-auth's client, loaded on first use (./auth-client.ts). */
const auth = () => import('./auth-client');

/** Signs in and loads the new session. */
export async function signIn(values: {
  email: string;
  password: string;
}): Promise<SessionData | null> {
  const { authClient, unwrap } = await auth();
  await unwrap(authClient.signIn.email({ email: values.email.trim(), password: values.password }));
  return sessionResource.load({ force: true });
}

/** Creates the account; no session yet: the verification e-mail's link signs the person in. */
export async function signUp(
  values: { name: string; email: string; password: string },
  callbackURL: string = DEFAULT_AFTER_SIGN_IN,
) {
  const { authClient, unwrap } = await auth();
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
    const { authClient, unwrap } = await auth();
    await unwrap(authClient.signOut());
  } finally {
    sessionResource.set(null);
    organizationsResource.reset();
    removeQueries();
  }
}

export async function sendVerificationEmail(
  email: string,
  callbackURL: string = DEFAULT_AFTER_SIGN_IN,
) {
  const { authClient, unwrap } = await auth();
  return unwrap(authClient.sendVerificationEmail({ email: email.trim(), callbackURL }));
}

export async function requestPasswordReset(email: string) {
  const { authClient, unwrap } = await auth();
  return unwrap(
    authClient.requestPasswordReset({
      email: email.trim(),
      redirectTo: `${window.location.origin}/reset-password`,
    }),
  );
}

export async function resetPassword(token: string, newPassword: string) {
  const { authClient, unwrap } = await auth();
  return unwrap(authClient.resetPassword({ newPassword, token }));
}
