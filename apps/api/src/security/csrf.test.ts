import { db, invitation } from '@kit/database';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../testing/client';
import {
  invitationToken,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  sessionHeaders,
  uniqueEmail,
  unlimitedSeats,
} from '../testing/organizations';
import { mutatingRoutes, type MutatingRoute } from '../testing/routes';

import { createTestKit } from '../testing/kit';

// One extra origin of the operator's own, given to the kit like TRUSTED_ORIGINS would be.
const kit = createTestKit({ auth: { trustedOrigins: ['http://localhost:5173'] } });
const { app, auth } = kit;

const APP_ORIGIN = 'http://localhost:3000';
const OTHER_PORT = 'http://localhost:4000';

let owner: TestClient;
let orgId: string;
let routes: MutatingRoute[];

/** A plausible body for each route, so that a request that got through would change something. */
function bodyFor(route: MutatingRoute): Record<string, unknown> {
  const email = 'mallory@example.test';
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/organizations': { name: 'Forged Org' },
    'PATCH /api/organizations/:orgId': { name: 'Renamed by a forged request' },
    'POST /api/organizations/:orgId/invitations': { email, role: 'admin' },
    'POST /api/organizations/:orgId/invitations/bulk': { invitations: [{ email, role: 'admin' }] },
    'PATCH /api/organizations/:orgId/members/:memberId': { role: 'admin' },
    'POST /api/invitations/:token/sign-up': { name: 'Mallory', password: 'correct-horse-battery' },
    'POST /api/auth/sign-up/email': { name: 'Mallory', email, password: 'correct-horse-battery' },
    'POST /api/auth/update-user': { name: 'Renamed by a forged request' },
  };
  return bodies[`${route.method} ${route.template}`] ?? {};
}

/** A request as a browser would send it to the app, with the owner's session cookie. */
function send(route: MutatingRoute, headers: Record<string, string>, withCookie = true) {
  const all = new Headers({ 'content-type': 'application/json', ...headers });
  if (withCookie) all.set('cookie', sessionHeaders(owner).get('cookie')!);
  return app.request(`${APP_ORIGIN}${route.path}`, {
    method: route.method,
    headers: all,
    body: JSON.stringify(bodyFor(route)),
  });
}

beforeAll(async () => {
  const setup = await ownerWithOrg(app, 'Guarded Org');
  owner = setup.owner;
  orgId = setup.org.id;
  await unlimitedSeats(orgId);
  const admin = await joinAs(app, owner, orgId, 'admin');
  const invitee = uniqueEmail('invitee');
  const invited = await owner.post(`/api/organizations/${orgId}/invitations`, { email: invitee });
  routes = mutatingRoutes(kit, {
    orgId,
    memberId: admin.memberId,
    invitationId: invited.body.invitation.id,
    token: await invitationToken(invitee),
    id: 'credential',
    webhookId: 'no-such-webhook',
    deliveryId: 'no-such-delivery',
    keyId: 'no-such-key',
    linkId: 'any-link-id',
    requestId: 'any-request-id',
    domainId: 'any-domain-id',
  });
});

describe('cross-site request refusal', () => {
  it('reads the mutating routes from the route table, better-auth endpoints included', () => {
    const listed = routes.map((r) => `${r.method} ${r.template}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/organizations',
        'PATCH /api/organizations/:orgId',
        'DELETE /api/organizations/:orgId',
        'POST /api/organizations/:orgId/transfer-ownership',
        'POST /api/organizations/:orgId/invitations',
        'POST /api/organizations/:orgId/invitations/bulk',
        'POST /api/organizations/:orgId/invitations/:invitationId/resend',
        'POST /api/invitations/:token/accept',
        'POST /api/auth/sign-in/email',
        'POST /api/auth/sign-up/email',
        'POST /api/auth/request-password-reset',
        'POST /api/auth/reset-password',
        'POST /api/auth/sign-out',
      ]),
    );
  });

  const attacks: [string, Record<string, string>, boolean][] = [
    ['an Origin on another port of the same host', { origin: OTHER_PORT }, true],
    ['an Origin on another site', { origin: 'https://evil.example' }, true],
    ['a foreign Referer and no Origin', { referer: 'https://evil.example/page' }, true],
    [
      'Sec-Fetch-Site: cross-site',
      { origin: APP_ORIGIN, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
      true,
    ],
    ['an opaque Origin (null) from a sandboxed frame', { origin: 'null' }, true],
    [
      'a browser request (fetch metadata) with no Origin or Referer',
      { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' },
      true,
    ],
    [
      'a foreign Origin and no cookie',
      { origin: OTHER_PORT, 'sec-fetch-site': 'same-site' },
      false,
    ],
  ];

  it.each(attacks)(
    'refuses %s on every mutating route with 403 CSRF_ORIGIN_REJECTED, and changes nothing',
    async (_name, headers, withCookie) => {
      const before = await organizationSnapshot();
      const answers = await Promise.all(
        routes.map(async (route) => {
          const response = await send(route, headers, withCookie);
          const body = (await response.json().catch(() => null)) as {
            error?: { code?: string };
          } | null;
          return `${route.method} ${route.template} → ${response.status} ${body?.error?.code}`;
        }),
      );
      expect(answers).toEqual(
        routes.map((r) => `${r.method} ${r.template} → 403 CSRF_ORIGIN_REJECTED`),
      );
      expect(await organizationSnapshot()).toEqual(before);
    },
  );

  it('refuses the tracker reproduction: a text/plain form on another port posting an admin invitation with the owner cookie', async () => {
    const count = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(invitation))[0]!.n;
    const before = await count();
    // What <form method="post" enctype="text/plain"> on http://localhost:4000 sends.
    const response = await app.request(`${APP_ORIGIN}/api/organizations/${orgId}/invitations`, {
      method: 'POST',
      headers: {
        origin: OTHER_PORT,
        referer: `${OTHER_PORT}/`,
        'content-type': 'text/plain',
        'sec-fetch-site': 'same-site',
        'sec-fetch-mode': 'navigate',
        cookie: sessionHeaders(owner).get('cookie')!,
      },
      body: '{"email":"mallory@example.test","role":"admin","x":"=1"}',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'CSRF_ORIGIN_REJECTED',
        message: expect.stringContaining(OTHER_PORT),
        details: { reason: 'untrusted-origin', origin: OTHER_PORT },
      },
    });
    expect(await count()).toBe(before);
  });

  it('lets the app itself through: its own Origin, or Origin null with Sec-Fetch-Site same-origin', async () => {
    const own = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('own-origin'),
      role: 'member',
    });
    expect(own.status).toBe(201);
    // Under Referrer-Policy: no-referrer, browsers send Origin: null on the app's own POSTs.
    const response = await app.request(`${APP_ORIGIN}/api/organizations/${orgId}/activate`, {
      method: 'POST',
      headers: {
        origin: 'null',
        'sec-fetch-site': 'same-origin',
        cookie: sessionHeaders(owner).get('cookie')!,
      },
    });
    expect(response.status).toBe(200);
  });

  it('lets a non-browser client (no Origin, Referer or fetch metadata) through, with or without a session', async () => {
    const activate = await app.request(`${APP_ORIGIN}/api/organizations/${orgId}/activate`, {
      method: 'POST',
      headers: { cookie: sessionHeaders(owner).get('cookie')! },
    });
    expect(activate.status).toBe(200);
    const script = await app.request(`${APP_ORIGIN}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'correct-horse-battery' }),
    });
    expect(script.status).toBe(401);
    expect(((await script.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_EMAIL_OR_PASSWORD',
    );
  });

  it('trusts TRUSTED_ORIGINS for the kit routes and better-auth alike', async () => {
    expect(auth.options.trustedOrigins).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    const fromTrusted = testClient(app, 'http://localhost:5173');
    for (const [name, value] of owner.cookies) fromTrusted.cookies.set(name, value);
    const activate = await fromTrusted.request('POST', `/api/organizations/${orgId}/activate`);
    expect(activate.status).toBe(200);
    const rename = await fromTrusted.post('/api/auth/update-user', { name: 'Owner Renamed' });
    expect(rename.status).toBe(200);
    const session = await owner.get('/api/auth/get-session');
    expect(session.body.user.name).toBe('Owner Renamed');
  });
});
