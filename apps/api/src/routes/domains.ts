import {
  addDomain,
  listDomains,
  removeDomain,
  updateDomain,
  verifyDomain,
} from '@kit/organization';
import { db } from '@kit/database';
import { enforceRateLimits } from '@kit/rate-limit';
import { Hono, type Context } from 'hono';
import { clientIp } from '../security/client-ip';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';

/** Codes sent and guessed, per organization and per client address. */
async function limitDomainCodes(c: Context, kind: 'send' | 'verify') {
  const limits = rateLimitsOf(c).domains;
  const orgId = c.req.param('orgId') ?? '';
  const reason = kind === 'send' ? 'Too many verification codes sent' : 'Too many codes tried';
  const rules = kind === 'send' ? limits.codesSent : limits.codesTried;
  await enforceRateLimits(db, [
    { key: `domain-${kind}:org:${orgId}`, rule: rules.perOrganization, reason },
    { key: `domain-${kind}:ip:${clientIp(c)}`, rule: rules.perIp, reason },
  ]);
}

/** An organization's email domains (owners); mounted at /organizations/:orgId/domains. */
export const domainRoutes = () =>
  new Hono<SessionEnv>()
    .get('/', async (c) =>
      c.json({
        domains: await listDomains({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
        }),
      }),
    )
    .post('/', async (c) => {
      const actor = requireActor(c);
      const input = await readJson(c);
      await limitDomainCodes(c, 'send');
      return c.json(
        { domain: await addDomain({ actor, organizationId: c.req.param('orgId')!, input }) },
        201,
      );
    })
    .post('/:domainId/verify', async (c) => {
      const actor = requireActor(c);
      const input = await readJson(c);
      await limitDomainCodes(c, 'verify');
      return c.json({
        domain: await verifyDomain({
          actor,
          organizationId: c.req.param('orgId')!,
          domainId: c.req.param('domainId'),
          input,
        }),
      });
    })
    .patch('/:domainId', async (c) =>
      c.json({
        domain: await updateDomain({
          actor: requireActor(c),
          organizationId: c.req.param('orgId')!,
          domainId: c.req.param('domainId'),
          input: await readJson(c),
        }),
      }),
    )
    .delete('/:domainId', async (c) => {
      await removeDomain({
        actor: requireActor(c),
        organizationId: c.req.param('orgId')!,
        domainId: c.req.param('domainId'),
      });
      return c.body(null, 204);
    });
