import type { Database } from '@kit/database';
import * as schema from '@kit/database/schema';
import {
  accountDeletedEmail,
  emailChangeNoticeEmail,
  emailChangeVerificationEmail,
  enqueueEmail,
  existingAccountEmail,
  passwordResetEmail,
  verificationEmail,
  welcomeEmail,
} from '@kit/email';
import { eq } from 'drizzle-orm';
// better-auth's minimal entry: the same auth without its Kysely layer (Kysely is what its own
// migrations and built-in database drivers use; the kit passes the drizzle adapter and keeps its
// schema in drizzle migrations), about 0.5 MB of code the server would otherwise load at start.
import { betterAuth } from 'better-auth/minimal';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { organization } from 'better-auth/plugins/organization';
import type { SignupMode } from './env';
import { checkUserFields, checkUserFieldsInRequest } from './input-rules';
import { allowedOrigins } from './origins';
import { kitRoles, type RoleSet } from './roles';
import { assertSignupAllowed, isInvitationSignup } from './signup-gate';

export const INVITATION_EXPIRES_IN_SECONDS = 7 * 24 * 60 * 60;

function refuseSideDoor(service: string) {
  return async (): Promise<never> => {
    throw new APIError('FORBIDDEN', {
      code: 'USE_ORGANIZATION_SERVICE',
      message: `Use ${service}() from @kit/organization (or the REST API) so that policies and seat limits apply.`,
    });
  };
}

/** better-auth's organization endpoints that change something, and the service replacing each. */
const SIDE_DOORS: Record<string, string> = {
  '/organization/create': 'createOrganization',
  '/organization/update': 'updateOrganization',
  '/organization/delete': 'deleteOrganization',
  '/organization/leave': 'leaveOrganization',
  '/organization/invite-member': 'createInvitation',
  '/organization/accept-invitation': 'acceptInvitation',
  '/organization/reject-invitation': 'declineInvitation',
  '/organization/cancel-invitation': 'cancelInvitation',
  '/organization/add-member': 'acceptInvitation',
  '/organization/remove-member': 'removeMember',
  '/organization/update-member-role': 'updateMemberRole',
};

/** The role set better-auth's organization plugin enforces (see ./roles). */
export type AuthRoles = RoleSet;

export interface AuthConfig {
  /** The database better-auth stores users, sessions and organizations in. */
  database: Database;
  /** better-auth wraps multi-row writes in transactions; PGlite's single connection cannot nest them. */
  transactions: boolean;
  appName: string;
  /** Public URL without a trailing slash; links in emails point here. */
  appUrl: string;
  secret: string;
  signupMode: SignupMode;
  /** Origins besides appUrl allowed to write (the API's origin check uses the same list). */
  trustedOrigins?: string[];
  /** Defaults to the kit's roles (./roles). */
  roles?: AuthRoles;
  /**
   * Runs once an address is verified, after the welcome email is queued (the kit joins people
   * who signed up through an invite link here). A failure is logged, never blocks verification.
   */
  onEmailVerified?: (user: { id: string; name: string; email: string }) => Promise<void>;
  /**
   * Runs before an account is deleted, after better-auth checked who asks (the kit settles the
   * organizations' side there: memberships, the last-owner rule, the activity log). An error
   * carrying `status` and `code` refuses the deletion with that answer.
   */
  beforeDeleteAccount?: (user: { id: string; email: string; name: string }) => Promise<void>;
  /**
   * How passwords are hashed and checked. Defaults to better-auth's: scrypt (N=16384, r=16,
   * p=1) on Node's thread pool, about 0.2 s of CPU per sign-up or sign-in on a small server.
   * The kit's tests pass a cheaper one (see `cheapPasswordHashing`), never an application.
   */
  passwordHashing?: PasswordHashing;
}

/** Hashes a password for storage, and checks one against a stored hash. */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

/**
 * An error a kit hook threw (e.g. an OrganizationError), as better-auth answers: the same
 * status, code, message, remediation and details.
 */
function asApiError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof APIError) return error;
  const known = error as Error & { status?: unknown; code?: unknown };
  if (typeof known.status !== 'number' || typeof known.code !== 'string') return error;
  const { remediation, details } = error as { remediation?: string; details?: unknown };
  return new APIError(known.status as ConstructorParameters<typeof APIError>[0], {
    code: known.code,
    message: error.message,
    ...(remediation ? { remediation } : {}),
    ...(details !== undefined ? { details } : {}),
  });
}

/** Sends each email through the outbox, after the change that causes it (one function each). */
function accountEmails(db: Database, appName: string, appUrl: string) {
  return {
    async existingAccount(user: { email: string; name: string }) {
      await enqueueEmail(db, {
        to: user.email,
        ...(await existingAccountEmail({
          name: user.name,
          url: `${appUrl}/sign-in?email=${encodeURIComponent(user.email)}`,
          productName: appName,
        })),
      });
    },
    async emailChange(user: { email: string; name: string }, newEmail: string, url: string) {
      await enqueueEmail(db, {
        to: newEmail,
        ...(await emailChangeVerificationEmail({
          name: user.name,
          newEmail,
          url,
          productName: appName,
        })),
      });
      await enqueueEmail(db, {
        to: user.email,
        ...(await emailChangeNoticeEmail({
          name: user.name,
          newEmail,
          url: `${appUrl}/forgot-password?email=${encodeURIComponent(user.email)}`,
          productName: appName,
        })),
      });
    },
    async accountDeleted(user: { email: string; name: string }) {
      await enqueueEmail(db, {
        to: user.email,
        ...(await accountDeletedEmail({
          name: user.name,
          url: `${appUrl}/`,
          productName: appName,
        })),
      });
    },
  };
}

/** One better-auth instance for one kit: nothing is read from the environment here. */
export function createAuth(config: AuthConfig) {
  const { database: db, appName, appUrl, signupMode } = config;
  const access = config.roles ?? kitRoles;
  const emails = accountEmails(db, appName, appUrl);
  return betterAuth({
    appName,
    baseURL: appUrl,
    basePath: '/api/auth',
    secret: config.secret,
    trustedOrigins: allowedOrigins(appUrl, config.trustedOrigins),
    // better-auth turns its origin and callbackURL checks off when NODE_ENV=test or TEST is set;
    // keep them on everywhere, so a foreign redirect target is refused in tests as in production.
    advanced: { disableOriginCheck: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema,
      transaction: config.transactions,
    }),
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      revokeSessionsOnPasswordReset: true,
      ...(config.passwordHashing ? { password: config.passwordHashing } : {}),
      // The answer stays the one a new sign-up gets; the owner of the address learns why no
      // verification email came. Charged to the sign-up rate limits like any sign-up.
      onExistingUserSignUp: async ({ user }) => emails.existingAccount(user),
      sendResetPassword: async ({ user, url }) => {
        await enqueueEmail(db, {
          to: user.email,
          ...(await passwordResetEmail({ name: user.name, url, productName: appName })),
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url }) => {
        // The invitation link already proved the address; that flow marks it verified itself.
        if (isInvitationSignup(user.email)) return;
        // A change of address: better-auth hands over the user with the new address in `email`.
        const [stored] = await db
          .select({ email: schema.user.email, name: schema.user.name })
          .from(schema.user)
          .where(eq(schema.user.id, user.id))
          .limit(1);
        if (stored && stored.email !== user.email.toLowerCase()) {
          await emails.emailChange(stored, user.email.toLowerCase(), url);
          return;
        }
        await enqueueEmail(db, {
          to: user.email,
          ...(await verificationEmail({ name: user.name, url, productName: appName })),
        });
      },
      afterEmailVerification: async (user) => {
        // Keyed by user: a later verification (a changed address) does not welcome them again.
        await enqueueEmail(db, {
          to: user.email,
          idempotencyKey: `welcome/${user.id}`,
          ...(await welcomeEmail({
            name: user.name,
            url: `${appUrl}/dashboard`,
            productName: appName,
          })),
        });
        if (config.onEmailVerified) {
          await config
            .onEmailVerified({ id: user.id, name: user.name, email: user.email })
            .catch((error: unknown) => console.error('After email verification:', error));
        }
      },
    },
    user: {
      // A verified link to the new address makes the change; the old address is told at once.
      changeEmail: { enabled: true },
      deleteUser: {
        enabled: true,
        beforeDelete: async (user) => {
          try {
            await config.beforeDeleteAccount?.(user);
          } catch (error) {
            throw asApiError(error);
          }
        },
        afterDelete: async (user) => emails.accountDeleted(user),
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
            assertSignupAllowed(signupMode, user.email);
            return { data: { ...checkUserFields(user), email: user.email.toLowerCase() } };
          },
        },
        update: { before: async (user) => ({ data: checkUserFields(user) }) },
      },
    },
    hooks: {
      // Refuse early, before the password is hashed; the database hook above covers every other path.
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path.startsWith('/sign-up')) {
          const email = typeof ctx.body?.email === 'string' ? ctx.body.email : '';
          assertSignupAllowed(signupMode, email);
        }
        checkUserFieldsInRequest(ctx.path, ctx.body);
        // Before the plugin runs: it has no hook for leaving, and it clears the caller's active
        // organization before calling beforeDeleteOrganization. The organization hooks below stay.
        const service = Object.hasOwn(SIDE_DOORS, ctx.path) ? SIDE_DOORS[ctx.path] : undefined;
        if (service) await refuseSideDoor(service)();
      }),
    },
    plugins: [
      organization({
        ac: access.ac,
        roles: access.roles,
        creatorRole: access.owner,
        invitationExpiresIn: INVITATION_EXPIRES_IN_SECONDS,
        // Columns the kit adds to better-auth's invitation table (written by @kit/organization).
        schema: {
          invitation: {
            additionalFields: {
              tokenHash: { type: 'string', required: true, input: false, returned: false },
              metadata: { type: 'json', required: false, input: false },
              replacedById: { type: 'string', required: false, input: false },
              respondedAt: { type: 'date', required: false, input: false },
              updatedAt: { type: 'date', required: false, input: false },
            },
          },
        },
        // Server-side calls to better-auth's own membership and invitation endpoints would skip
        // the kit's policies, seat limits and activity log: refuse them, pointing to the services.
        organizationHooks: {
          beforeCreateOrganization: refuseSideDoor('createOrganization'),
          beforeUpdateOrganization: refuseSideDoor('updateOrganization'),
          beforeDeleteOrganization: refuseSideDoor('deleteOrganization'),
          beforeCreateInvitation: refuseSideDoor('createInvitation'),
          beforeAcceptInvitation: refuseSideDoor('acceptInvitation'),
          beforeRejectInvitation: refuseSideDoor('declineInvitation'),
          beforeCancelInvitation: refuseSideDoor('cancelInvitation'),
          beforeAddMember: refuseSideDoor('acceptInvitation'),
          beforeRemoveMember: refuseSideDoor('removeMember'),
          beforeUpdateMemberRole: refuseSideDoor('updateMemberRole'),
        },
      }),
    ],
    // Its limiter is per process and keys clients by a header anyone can set; the API limits
    // these endpoints itself, in the database, by the connecting address (apps/api/src/security).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
export type AuthSession = NonNullable<Awaited<ReturnType<Auth['api']['getSession']>>>;
