import {
  addDomain,
  listDomains,
  removeDomain,
  updateDomain,
  verifyDomain,
} from '@kit/organization';
import { db } from '@kit/database';
import { enforceRateLimits } from '@kit/rate-limit';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { defineRoute, json, jsonBody, noContent, router } from '../openapi/route';
import { clientIp } from '../security/client-ip';
import { rateLimitsOf } from '../security/rate-limiting';
import { readJson, requireActor, type SessionEnv } from '../session';
import {
  addDomainBody,
  domainListResponse,
  domainParams,
  domainResponse,
  orgParams,
  serviceInput,
  updateDomainBody,
  verifyDomainBody,
} from './organization-schemas';

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

/** Signed in, then counted: a refused input still uses up an attempt. */
const limited = (kind: 'send' | 'verify') =>
  createMiddleware<SessionEnv>(async (c, next) => {
    requireActor(c);
    await limitDomainCodes(c, kind);
    await next();
  });

const tags = ['Domains'];
const owners = {
  401: ['UNAUTHORIZED'],
  403: ['INSUFFICIENT_PERMISSIONS'],
  404: ['ORGANIZATION_NOT_FOUND'],
} as const;
const oneDomain = { ...owners, 404: ['ORGANIZATION_NOT_FOUND', 'DOMAIN_NOT_FOUND'] } as const;

const list = defineRoute({
  method: 'get',
  path: '/',
  tags,
  summary: "The organization's email domains",
  request: { params: orgParams },
  responses: { 200: json(domainListResponse, 'The domains') },
  errors: owners,
});
const add = defineRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Add a domain: a 6-digit code is emailed to an address at it',
  request: { params: orgParams, body: jsonBody(addDomainBody) },
  middleware: [limited('send')],
  responses: { 201: json(domainResponse, 'The pending domain') },
  errors: {
    ...owners,
    400: ['DOMAIN_NOT_ALLOWED'],
    409: ['DOMAIN_EXISTS'],
    429: ['RATE_LIMITED'],
  },
});
const verify = defineRoute({
  method: 'post',
  path: '/{domainId}/verify',
  tags,
  summary: 'Verify a domain with the emailed code',
  request: { params: domainParams, body: jsonBody(verifyDomainBody) },
  middleware: [limited('verify')],
  responses: { 200: json(domainResponse, 'The verified domain') },
  errors: {
    ...oneDomain,
    400: ['DOMAIN_CODE_INVALID'],
    409: ['DOMAIN_EXISTS'],
    410: ['DOMAIN_CODE_EXPIRED'],
    429: ['DOMAIN_CODE_ATTEMPTS_EXCEEDED', 'RATE_LIMITED'],
  },
});
const update = defineRoute({
  method: 'patch',
  path: '/{domainId}',
  tags,
  summary: 'Choose what the domain does for people with an address at it',
  request: { params: domainParams, body: jsonBody(updateDomainBody) },
  responses: { 200: json(domainResponse, 'The domain') },
  errors: oneDomain,
});
const remove = defineRoute({
  method: 'delete',
  path: '/{domainId}',
  tags,
  summary: 'Remove a domain',
  request: { params: domainParams },
  responses: { 204: noContent('Removed') },
  errors: oneDomain,
});

/** An organization's email domains (owners); mounted at /organizations/:orgId/domains. */
export const domainRoutes = () =>
  router<SessionEnv>({
    invalid: (error, _input, target) => (target === 'json' ? serviceInput(error) : undefined),
  })
    .openapi(list, async (c) =>
      c.json(
        {
          domains: await listDomains({
            actor: requireActor(c),
            organizationId: c.req.valid('param').orgId,
          }),
        },
        200,
      ),
    )
    .openapi(add, async (c) => {
      const domain = await addDomain({
        actor: requireActor(c),
        organizationId: c.req.valid('param').orgId,
        input: await readJson(c),
      });
      return c.json({ domain }, 201);
    })
    .openapi(verify, async (c) => {
      const { orgId, domainId } = c.req.valid('param');
      const domain = await verifyDomain({
        actor: requireActor(c),
        organizationId: orgId,
        domainId,
        input: await readJson(c),
      });
      return c.json({ domain }, 200);
    })
    .openapi(update, async (c) => {
      const { orgId, domainId } = c.req.valid('param');
      const domain = await updateDomain({
        actor: requireActor(c),
        organizationId: orgId,
        domainId,
        input: await readJson(c),
      });
      return c.json({ domain }, 200);
    })
    .openapi(remove, async (c) => {
      const { orgId, domainId } = c.req.valid('param');
      await removeDomain({ actor: requireActor(c), organizationId: orgId, domainId });
      return c.body(null, 204);
    });
