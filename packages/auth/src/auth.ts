import { connection, db } from '@kit/database';
import * as schema from '@kit/database/schema';
import { getMailer, passwordResetEmail, verificationEmail } from '@kit/email';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthMiddleware } from 'better-auth/api';
import { organization } from 'better-auth/plugins';
import { authEnv } from './env';
import { accessControl, roles } from './permissions';
import { assertSignupAllowed } from './signup-gate';

export const env = authEnv();

export const INVITATION_EXPIRES_IN_SECONDS = 7 * 24 * 60 * 60;

export const auth = betterAuth({
  appName: env.appName,
  baseURL: env.appUrl,
  basePath: '/api/auth',
  secret: env.secret,
  trustedOrigins: [env.appUrl],
  database: drizzleAdapter(db, { provider: 'pg', schema, transaction: connection.kind === 'postgres' }),
  emailAndPassword: {
    enabled: true,
    requireEmailVerification: true,
    minPasswordLength: 8,
    maxPasswordLength: 128,
    revokeSessionsOnPasswordReset: true,
    sendResetPassword: async ({ user, url }) => {
      await getMailer().send({
        to: user.email,
        ...passwordResetEmail({ name: user.name, url, productName: env.appName }),
      });
    },
  },
  emailVerification: {
    sendOnSignUp: true,
    autoSignInAfterVerification: true,
    expiresIn: 24 * 60 * 60,
    sendVerificationEmail: async ({ user, url }) => {
      await getMailer().send({
        to: user.email,
        ...verificationEmail({ name: user.name, url, productName: env.appName }),
      });
    },
  },
  session: {
    expiresIn: 30 * 24 * 60 * 60,
    updateAge: 24 * 60 * 60,
  },
  databaseHooks: {
    user: {
      create: {
        before: async (user) => {
          assertSignupAllowed(env.signupMode, user.email);
          return { data: { ...user, email: user.email.toLowerCase() } };
        },
      },
    },
  },
  hooks: {
    // Refuse early, before the password is hashed; the database hook above covers every other path.
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path.startsWith('/sign-up')) {
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email : '';
        assertSignupAllowed(env.signupMode, email);
      }
    }),
  },
  plugins: [
    organization({
      ac: accessControl,
      roles,
      creatorRole: 'owner',
      invitationExpiresIn: INVITATION_EXPIRES_IN_SECONDS,
    }),
  ],
  telemetry: { enabled: false },
});

export type Auth = typeof auth;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>;
