import { getMailer } from '@kit/email';
import { Hono } from 'hono';
import { apiEnv } from './env';
import { handleError, notFound, registerErrorMapper, AppError } from './errors';
import { OrganizationError } from '@kit/organization';
import { PolicyDeniedError } from '@kit/policies';
import { invitationRoutes } from './routes/invitations';
import { organizationRoutes } from './routes/organizations';
import { withSession } from './session';
import { authRoutes } from './routes/auth';
import { configRoutes } from './routes/config';
import { devMailboxRoutes } from './routes/dev-mailbox';
import { healthRoutes } from './routes/health';
import { bodyLimits } from './security/body-limit';
import { securityConfig } from './security/config';
import { contentTypeCheck } from './security/content-type';
import { csrfProtection } from './security/csrf';
import { apiSecurityHeaders } from './security/headers';
import { rateLimitConfig } from './security/rate-limits';
import {
  limitInvitationLinks,
  rateLimitedResponse,
  withRateLimits,
} from './security/rate-limiting';
import { rejectNulCharacters } from './security/input';

const env = apiEnv();

registerErrorMapper((err) =>
  err instanceof OrganizationError
    ? new AppError(err.status as 400, err.code, err.message, {
        remediation: err.remediation,
        details: err.details,
      })
    : undefined,
);
registerErrorMapper((err) =>
  err instanceof PolicyDeniedError
    ? new AppError(403, err.code, err.message, {
        remediation: err.remediation,
        details: { policyId: err.policyId, ...(err.metadata ? { metadata: err.metadata } : {}) },
      })
    : undefined,
);

registerErrorMapper(rateLimitedResponse);

export const api = new Hono()
  .use(withRateLimits(rateLimitConfig()))
  .route('/auth', authRoutes)
  .route('/health', healthRoutes)
  .route('/config', configRoutes)
  .use('/organizations/*', withSession)
  .use('/organizations', withSession)
  .use('/invitations/*', limitInvitationLinks, withSession)
  .route('/organizations', organizationRoutes)
  .route('/invitations', invitationRoutes);

if (env.devMailbox && getMailer().transport === 'mailbox') {
  api.route('/dev/mailbox', devMailboxRoutes);
}

const security = securityConfig();

/**
 * The HTTP application: everything under /api. The server adds the web app around it.
 * The checks are mounted once, for every path, before any route: a route added anywhere in
 * the app is covered (security/csrf.test.ts walks the route table to prove it).
 */
export const app = new Hono()
  .use('/api/*', apiSecurityHeaders(security))
  .use('*', csrfProtection(security))
  .use('*', contentTypeCheck(security))
  .use('*', bodyLimits(security))
  .use('/api/*', rejectNulCharacters)
  .route('/api', api);

api.notFound(notFound);
app.notFound(notFound);
app.onError(handleError);

export type AppType = typeof app;
