import { authEnv, createAuth, kitRoles, type Auth, type AuthConfig } from '@kit/auth';
import {
  connectDatabase,
  databaseOptionsFromEnv,
  runWithDatabase,
  useDatabase,
  type ConnectOptions,
  type Database,
  type DatabaseConnection,
} from '@kit/database';
import { getTransport, startEmailWorker, type EmailTransport, type EmailWorker } from '@kit/email';
import {
  completeInviteLinkSignup,
  kitPlans,
  prepareAccountDeletion,
  runWithOrganizationRuntime,
  useOrganizationRuntime,
  type OrganizationRuntime,
  type PlanCatalog,
} from '@kit/organization';
import { createInvitationRegistries, type InvitationRegistries } from '@kit/organization-policies';
import {
  startWebhookWorker,
  webhookSettingsFromEnv,
  type WebhookSettings,
  type WebhookWorker,
} from '@kit/webhooks';
import type { Hono } from 'hono';
import { createApp } from './app';
import { apiEnv } from './env';
import { securityConfig, type SecurityConfig } from './security/config';
import { rateLimitConfig, type RateLimits } from './security/rate-limits';

/** Everything one kit is assembled from. Nothing here is read from the environment. */
export interface KitConfig {
  /** An open connection (the caller closes it), or how to open one (the kit closes it). */
  database: DatabaseConnection | ConnectOptions;
  /** better-auth's settings and the role set; the kit supplies the database. */
  auth: Omit<AuthConfig, 'database' | 'transactions' | 'beforeDeleteAccount'>;
  /** Plans and seats; defaults to packages/organization/core/src/plans.ts. */
  plans?: PlanCatalog;
  /** The policy registries the services run. Defaults to fresh, empty ones. */
  registries?: InvitationRegistries;
  email?: {
    /** Defaults to the transport EMAIL_TRANSPORT / RESEND_API_KEY choose. */
    transport?: EmailTransport;
    /** Serve /api/dev/mailbox (only with the mailbox transport). */
    devMailbox?: boolean;
    /** Requests to the provider in flight at once; defaults to EMAIL_DELIVERY_CONCURRENCY (8). */
    deliveryConcurrency?: number;
  };
  /** Trusted origins, body rules and headers; defaults derive from `auth`. */
  security?: SecurityConfig;
  /** Request and email limits; defaults to the RATE_LIMIT_* environment (README, Rate limits). */
  rateLimits?: RateLimits;
  /** Webhook delivery settings; defaults to the WEBHOOK_* environment (docs/webhooks.md). */
  webhooks?: Partial<Omit<WebhookSettings, 'appSecret'>>;
  billing?: {
    /**
     * The page where an owner changes their organization's plan (a checkout or customer portal);
     * the Plan & seats page links to it with `organization` and `plan` added to the query.
     * Unset: the page tells owners how to configure it. Defaults to BILLING_URL.
     */
    url?: string | null;
  };
}

export interface Kit {
  /** The HTTP application (everything under /api); each request runs inside `run`. */
  app: Hono;
  connection: DatabaseConnection;
  db: Database;
  auth: Auth;
  registries: InvitationRegistries;
  /** What the organization services read from the kit in scope. */
  runtime: OrganizationRuntime;
  emailTransport: EmailTransport;
  /** Trusted origins, body rules and headers the app enforces (the web app's pages too). */
  security: SecurityConfig;
  /** Runs `fn` with this kit in scope: `db` and the organization services use its parts. */
  run<T>(fn: () => T): T;
  migrate(): Promise<void>;
  /** The email delivery loop, running in this kit's scope. */
  startEmailWorker(options?: { pollMs?: number; concurrency?: number }): EmailWorker;
  /** How webhooks are validated, signed and delivered. */
  webhooks: WebhookSettings;
  /** The webhook delivery loop, running in this kit's scope. */
  startWebhookWorker(options?: { pollMs?: number }): WebhookWorker;
  /** Closes the database if the kit opened it. */
  close(): Promise<void>;
}

const isConnection = (value: KitConfig['database']): value is DatabaseConnection =>
  'db' in value && 'migrate' in value;

/** The one place the kit is put together: API server, CLI and tests each build their own. */
export function createKit(config: KitConfig): Kit {
  const ownsConnection = !isConnection(config.database);
  const connection = isConnection(config.database)
    ? config.database
    : connectDatabase(config.database);
  const auth = createAuth({
    ...config.auth,
    appUrl: config.auth.appUrl.replace(/\/$/, ''),
    database: connection.db,
    transactions: connection.kind === 'postgres',
    // Memberships, the last-owner rule and the activity log (docs/accounts.md).
    beforeDeleteAccount: prepareAccountDeletion,
    // People who signed up through an invite link join once their address is verified.
    onEmailVerified: (user) => run(() => completeInviteLinkSignup(user)),
  });
  const registries = config.registries ?? createInvitationRegistries();
  const emailTransport = config.email?.transport ?? getTransport();
  const runtime: OrganizationRuntime = {
    registries,
    roles: config.auth.roles ?? kitRoles,
    plans: config.plans ?? kitPlans,
    auth,
    appUrl: config.auth.appUrl.replace(/\/$/, ''),
    appName: config.auth.appName,
  };
  const security = config.security ?? securityConfig(config.auth);
  const webhooks: WebhookSettings = {
    ...webhookSettingsFromEnv(config.auth.secret),
    ...config.webhooks,
    appSecret: config.auth.secret,
  };
  const run = <T>(fn: () => T): T =>
    runWithDatabase(connection, () => runWithOrganizationRuntime(runtime, fn));

  const parts: Omit<Kit, 'app'> = {
    connection,
    db: connection.db,
    auth,
    registries,
    runtime,
    emailTransport,
    security,
    run,
    migrate: () => connection.migrate(),
    startEmailWorker: (options = {}) =>
      run(() =>
        startEmailWorker({
          concurrency: config.email?.deliveryConcurrency,
          ...options,
          transport: emailTransport,
        }),
      ),
    webhooks,
    startWebhookWorker: (options = {}) =>
      run(() => startWebhookWorker({ ...options, settings: webhooks })),
    close: async () => {
      if (ownsConnection) await connection.close();
    },
  };
  const app = createApp(parts, {
    productName: config.auth.appName,
    signupMode: config.auth.signupMode,
    devMailbox: Boolean(config.email?.devMailbox) && emailTransport.name === 'mailbox',
    security,
    rateLimits: config.rateLimits ?? rateLimitConfig(),
    billingUrl: config.billing?.url ?? null,
  });
  return { ...parts, app };
}

/**
 * Makes `kit` the process default, for code that runs outside `kit.run` (a script, a test
 * calling services directly). Returns a function that uninstalls it.
 */
export function useKit(kit: Kit): () => void {
  const restoreDatabase = useDatabase(kit.connection);
  const restoreRuntime = useOrganizationRuntime(kit.runtime);
  return () => {
    restoreRuntime();
    restoreDatabase();
  };
}

/**
 * The configuration the environment describes (see .env.example), with the given registries:
 * the API and the CLI pass the application's, from @kit/organization-policies/registry.
 */
export function kitConfigFromEnv(registries: InvitationRegistries): KitConfig {
  const auth = authEnv();
  return {
    database: databaseOptionsFromEnv(),
    auth: {
      appName: auth.appName,
      appUrl: auth.appUrl,
      secret: auth.secret,
      signupMode: auth.signupMode,
      trustedOrigins: auth.trustedOrigins,
    },
    registries,
    email: { devMailbox: apiEnv().devMailbox },
    billing: { url: apiEnv().billingUrl ?? null },
  };
}
