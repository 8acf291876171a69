import { getMailer } from '@kit/email';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
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

export const api = new Hono()
  .route('/auth', authRoutes)
  .route('/health', healthRoutes)
  .route('/config', configRoutes)
  .use('/organizations/*', withSession)
  .use('/organizations', withSession)
  .use('/invitations/*', withSession)
  .route('/organizations', organizationRoutes)
  .route('/invitations', invitationRoutes);

if (env.devMailbox && getMailer().transport === 'mailbox') {
  api.route('/dev/mailbox', devMailboxRoutes);
}

/** The HTTP application: everything under /api. The server adds the web app around it. */
export const app = new Hono()
  .use('/api/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  .use('/api/*', rejectNulCharacters)
  .route('/api', api);

api.notFound(notFound);
app.notFound(notFound);
app.onError(handleError);

export type AppType = typeof app;
