import type { Auth, SignupMode } from '@kit/auth';
import type { EmailTransport } from '@kit/email';
import { OrganizationError } from '@kit/organization';
import { PolicyDeniedError } from '@kit/policies';
import { WebhookError, type WebhookSettings } from '@kit/webhooks';
import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError, errorHandler, notFound, type ErrorMapper } from './errors';
import { authDocumentPart } from './openapi/auth-paths';
import { openApiDocument, referenceRoutes } from './openapi/document';
import { accountRoutes } from './routes/account';
import { apiKeyRoutes } from './routes/api-keys';
import { authRoutes } from './routes/auth';
import { configRoutes } from './routes/config';
import { planRoutes } from './routes/plan';
import { devMailboxRoutes } from './routes/dev-mailbox';
import { domainRoutes } from './routes/domains';
import { healthRoutes } from './routes/health';
import { invitationRoutes } from './routes/invitations';
import { inviteLinkRoutes } from './routes/invite-links';
import { joinRoutes } from './routes/join';
import { joinRequestRoutes, ownJoinRequestRoutes } from './routes/join-requests';
import { meRoutes } from './routes/me';
import { organizationRoutes } from './routes/organizations';
import { webhookRoutes } from './routes/webhooks';
import { bodyLimits } from './security/body-limit';
import type { SecurityConfig } from './security/config';
import { contentTypeCheck } from './security/content-type';
import { csrfProtection } from './security/csrf';
import { apiSecurityHeaders } from './security/headers';
import { rejectNulCharacters } from './security/input';
import type { RateLimits } from './security/rate-limits';
import {
  limitInvitationLinks,
  limitJoinLinks,
  rateLimitedResponse,
  withRateLimits,
} from './security/rate-limiting';
import { withSession } from './session';
import { createSessionMemo } from './session-memo';

const organizationErrors: ErrorMapper = (err) =>
  err instanceof OrganizationError
    ? new AppError(err.status as 400, err.code, err.message, {
        remediation: err.remediation,
        details: err.details,
      })
    : undefined;

const policyDenials: ErrorMapper = (err) =>
  err instanceof PolicyDeniedError
    ? new AppError(403, err.code, err.message, {
        remediation: err.remediation,
        details: { policyId: err.policyId, ...(err.metadata ? { metadata: err.metadata } : {}) },
      })
    : undefined;

const webhookErrors: ErrorMapper = (err) =>
  err instanceof WebhookError ? new AppError(err.status as 400, err.code, err.message) : undefined;

/** The one place errors become responses, with the domain packages' typed errors mapped. */
export const handleError = errorHandler([
  organizationErrors,
  policyDenials,
  webhookErrors,
  rateLimitedResponse,
]);

/** What the app needs from its kit (see ./kit.ts). */
export interface AppParts {
  auth: Auth;
  emailTransport: EmailTransport;
  webhooks: WebhookSettings;
  run<T>(fn: () => T): T;
}

export interface AppOptions {
  productName: string;
  signupMode: SignupMode;
  devMailbox: boolean;
  /** Trusted origins, body rules, header policy (./security/config.ts). */
  security: SecurityConfig;
  /** Request and email limits (./security/rate-limits.ts). */
  rateLimits: RateLimits;
  /** Where owners change their organization's plan (KitConfig.billing.url). */
  billingUrl?: string | null;
}

/**
 * The HTTP application: everything under /api. The server adds the web app around it.
 * The security checks are mounted once, for every path, before any route: a route added
 * anywhere in the app is covered (security/csrf.test.ts walks the route table to prove it).
 */
export function createApp(kit: AppParts, options: AppOptions) {
  const sessions = createSessionMemo();
  const session = withSession(kit.auth, sessions);
  // Built on first request from the complete app: every route declared with openapi/route.ts,
  // and better-auth's endpoints as better-auth describes them.
  let document = () => ({}) as unknown;
  const api = new OpenAPIHono()
    .use(withRateLimits(options.rateLimits))
    .route(
      '/',
      referenceRoutes(() => document(), `${options.productName} API`),
    )
    .route('/auth', authRoutes(kit.auth, sessions))
    .route('/health', healthRoutes())
    .route(
      '/config',
      configRoutes({
        productName: options.productName,
        signupMode: options.signupMode,
        emailTransport: kit.emailTransport.name,
      }),
    )
    .use('/organizations/*', session)
    .use('/organizations', session)
    .use('/account/*', session)
    .use('/invitations/*', limitInvitationLinks, session)
    .use('/join/*', limitJoinLinks, session)
    .use('/join-requests/*', session)
    .use('/me/*', session)
    .route('/organizations/:orgId/invite-links', inviteLinkRoutes())
    .route('/organizations/:orgId/join-requests', joinRequestRoutes())
    .route('/organizations/:orgId/domains', domainRoutes())
    .route('/organizations', organizationRoutes())
    .route('/organizations', webhookRoutes(kit.webhooks))
    .route('/organizations', apiKeyRoutes())
    .route('/invitations', invitationRoutes())
    .route('/organizations', planRoutes({ billingUrl: options.billingUrl }))
    .route('/account', accountRoutes(kit.auth))
    .route('/join', joinRoutes())
    .route('/join-requests', ownJoinRequestRoutes())
    .route('/me', meRoutes());

  if (options.devMailbox) api.route('/dev/mailbox', devMailboxRoutes());

  const { security } = options;
  const app = new OpenAPIHono()
    // Every request runs with this kit's database, registries and auth in scope.
    .use('*', (_c, next) => kit.run(() => next()))
    .use('/api/*', apiSecurityHeaders(security))
    .use('*', csrfProtection(security))
    .use('*', contentTypeCheck(security))
    .use('*', bodyLimits(security))
    .use('/api/*', rejectNulCharacters)
    .route('/api', api);

  document = async () =>
    openApiDocument(
      app as unknown as OpenAPIHono,
      { productName: options.productName },
      await authDocumentPart(kit.auth),
    );
  api.notFound(notFound);
  app.notFound(notFound);
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;

/** The development mailbox's routes (mounted at /api/dev/mailbox only when `devMailbox` is on). */
export type DevMailboxType = ReturnType<typeof devMailboxRoutes>;
