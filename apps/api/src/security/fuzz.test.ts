import { db, invitation, member, organization, organizationApiKey, user } from '@kit/database';
import { and, eq, inArray, ne, notInArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../testing/api-keys';
import { createTestKit } from '../testing/kit';
import { testClient, type TestClient } from '../testing/client';
import { databaseChecksum } from '../testing/database-checksum';
import {
  asText,
  bodyText,
  encodeLoosely,
  nastyBody,
  nastyCsv,
  nastyQuery,
  nastyString,
  poison,
  spot,
  type BodyPart,
  type Spot,
} from '../testing/malformed';
import {
  invitationToken,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
} from '../testing/organizations';

/**
 * Property: whatever malformed input a route gets, it never answers 5xx, and a refusal (4xx)
 * writes nothing anywhere in the database. The routes come from the app's own route table
 * (better-auth's endpoints for its mount), so a new route is fuzzed without touching this file.
 */

const SEED = 20_260_101;
/**
 * Runs per route (FUZZ_RUNS multiplies them for a longer search). better-auth's routes hash
 * passwords, which is slow, and its organization endpoints are closed (404): they get fewer.
 */
const RUNS_SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runsFor = (route: Route) =>
  RUNS_SCALE *
  (route.path.startsWith('/api/auth/organization/')
    ? 1
    : route.path.startsWith('/api/auth/')
      ? 4
      : 12);
const PASSWORD = 'correct-horse-battery';

interface Route {
  method: string;
  path: string;
}

const kit = createTestKit();
const { app, auth } = kit;
const APP_URL = 'http://localhost:3000';

const AUTH_MOUNT = '/api/auth/*';

function betterAuthRoutes(method: string): Route[] {
  return Object.values(auth.api as Record<string, unknown>).flatMap((endpoint) => {
    const { path, options } = endpoint as {
      path?: string;
      options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } };
    };
    if (!path || options?.metadata?.SERVER_ONLY) return [];
    const methods = [options?.method ?? []].flat();
    return methods.includes(method) || methods.includes('*')
      ? [{ method, path: `/api/auth${path}` }]
      : [];
  });
}

/** Every route handler in the app; middleware (handlers taking `next`) is not a route. */
function appRoutes(): Route[] {
  const routes = new Map<string, Route>();
  for (const entry of app.routes) {
    if (entry.method === 'ALL' || entry.handler.length >= 2) continue;
    const expanded =
      entry.path === AUTH_MOUNT
        ? betterAuthRoutes(entry.method)
        : [{ method: entry.method, path: entry.path }];
    for (const route of expanded) routes.set(`${route.method} ${route.path}`, route);
  }
  return [...routes.values()];
}

const routes = appRoutes();

interface Fixture {
  owner: TestClient;
  member: TestClient;
  ownerEmail: string;
  memberEmail: string;
  token: string;
  org: typeof organization.$inferSelect;
  members: (typeof member.$inferSelect)[];
  invitation: typeof invitation.$inferSelect;
  /** An API key with every scope, created by the owner: requests are made with it too. */
  key: { id: string; secret: string };
}

let fx: Fixture;

beforeAll(async () => {
  const { owner, email: ownerEmail, org } = await ownerWithOrg(app, 'Fuzz Org');
  await unlimitedSeats(org.id);
  const joined = await joinAs(app, owner, org.id, 'member');
  const inviteeEmail = uniqueEmail('invitee');
  const invited = await owner.post(`/api/organizations/${org.id}/invitations`, {
    email: inviteeEmail,
  });
  expect(invited.status).toBe(201);
  const token = await invitationToken(inviteeEmail);
  const [orgRow] = await db.select().from(organization).where(eq(organization.id, org.id));
  const members = await db.select().from(member).where(eq(member.organizationId, org.id));
  const [invitationRow] = await db
    .select()
    .from(invitation)
    .where(eq(invitation.id, invited.body.invitation.id));
  const key = await createKey(owner, org.id, { name: 'Fuzz key' });
  fx = {
    owner,
    member: joined.client,
    ownerEmail,
    memberEmail: joined.email,
    token,
    org: orgRow!,
    members,
    invitation: invitationRow!,
    key: { id: key.id, secret: key.secret },
  };
}, 60_000);

/** A request that succeeded may have deleted or changed the fixture: put it back as it was. */
async function restoreFixture() {
  await db
    .insert(organization)
    .values(fx.org)
    .onConflictDoUpdate({ target: organization.id, set: fx.org });
  const userIds = fx.members.map((m) => m.userId);
  await db.delete(member).where(
    and(
      eq(member.organizationId, fx.org.id),
      inArray(member.userId, userIds),
      notInArray(
        member.id,
        fx.members.map((m) => m.id),
      ),
    ),
  );
  for (const row of fx.members)
    await db.insert(member).values(row).onConflictDoUpdate({ target: member.id, set: row });
  await db
    .update(invitation)
    .set({ replacedById: null })
    .where(eq(invitation.email, fx.invitation.email));
  await db
    .delete(invitation)
    .where(and(eq(invitation.email, fx.invitation.email), ne(invitation.id, fx.invitation.id)));
  await db
    .insert(invitation)
    .values(fx.invitation)
    .onConflictDoUpdate({ target: invitation.id, set: fx.invitation });
  await db
    .update(organizationApiKey)
    .set({ revokedAt: null })
    .where(eq(organizationApiKey.id, fx.key.id));
  // An account made through the invitation link: gone, so that the link works again.
  await db.delete(user).where(eq(user.email, fx.invitation.email));
  await ensureSignedIn(fx.owner, fx.ownerEmail);
  await ensureSignedIn(fx.member, fx.memberEmail);
}

async function ensureSignedIn(client: TestClient, email: string) {
  const current = await client.get('/api/auth/get-session');
  if (current.body?.user?.email === email) return;
  client.cookies.clear();
  const signedIn = await client.post('/api/auth/sign-in/email', { email, password: PASSWORD });
  expect(signedIn.status).toBe(200);
}

/** A path parameter: the fixture's real id (so the request gets past the lookup) or garbage. */
function paramValue(name: string): fc.Arbitrary<string> {
  const garbage = [
    { weight: 4, arbitrary: nastyString.map(encodeLoosely) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%zz', '%E0%A4%A', '..', '%2F') },
  ];
  const known = Object.hasOwn(realParams, name) ? realParams[name]! : undefined;
  // Read when generated: the fixture exists by then, not when the arbitrary is built.
  return known
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(null).map(known) }, ...garbage)
    : fc.oneof(...garbage);
}

interface FuzzRequest {
  actor: 'owner' | 'member' | 'anonymous' | 'key';
  path: string;
  query: string | null;
  body: BodyPart | null;
}

const realParams: Record<string, () => string> = {
  orgId: () => fx.org.id,
  memberId: () => fx.members.find((m) => m.role === 'member')!.id,
  invitationId: () => fx.invitation.id,
  token: () => fx.token,
  keyId: () => fx.key.id,
};

const paramNames = (route: Route) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** A request every part of which would pass, except one poisoned spot. */
function plausibleRequest(route: Route, where: Spot, bad: unknown): FuzzRequest {
  const names = paramNames(route);
  const params = names.map((name) =>
    Object.hasOwn(realParams, name) ? realParams[name]!() : randomUUID(),
  );
  let query: string | null = null;
  const body: Record<string, unknown> = {
    name: 'Plausible Name',
    slug: `plausible-${uniqueEmail('slug').replace(/\W+/g, '-')}`,
    email: uniqueEmail('plausible'),
    role: 'member',
    logo: 'https://example.test/logo.png',
    metadata: { team: 'design' },
    memberId: realParams.memberId!(),
    password: PASSWORD,
    currentPassword: PASSWORD,
    newPassword: PASSWORD,
    token: fx.token,
    callbackURL: '/dashboard',
    invitations: [{ email: uniqueEmail('row'), role: 'member', metadata: { team: 'design' } }],
  };
  const row = (body.invitations as Record<string, unknown>[])[0]!;
  if (where.in === 'param') params[where.index] = encodeLoosely(asText(bad));
  else if (where.in === 'query') query = `${where.key}=${encodeLoosely(asText(bad))}`;
  else if (where.in === 'body') body[where.key] = bad;
  else if (where.in === 'metadata') body.metadata = { [where.key]: bad };
  else if (where.in === 'metadataKey') body.metadata = Object.fromEntries([[asText(bad), 'x']]);
  else row[where.key] = bad;
  return {
    actor: 'owner',
    path: names.reduce((path, name, i) => path.replace(`:${name}`, params[i]!), route.path),
    query,
    body: route.method === 'GET' ? null : { text: bodyText(body), contentType: 'application/json' },
  };
}

function requests(route: Route): fc.Arbitrary<FuzzRequest> {
  const targeted = fc
    .tuple(spot(paramNames(route).length, route.method !== 'GET'), poison)
    .map(([where, bad]) => plausibleRequest(route, where, bad));
  return fc.oneof({ weight: 3, arbitrary: targeted }, { weight: 2, arbitrary: anyRequest(route) });
}

/** Malformed everywhere at once. */
function anyRequest(route: Route): fc.Arbitrary<FuzzRequest> {
  const names = paramNames(route);
  const body: fc.Arbitrary<BodyPart | null> =
    route.method === 'GET'
      ? fc.constant(null)
      : route.path.endsWith('/bulk')
        ? fc.oneof(nastyBody, nastyCsv)
        : fc.option(nastyBody, { freq: 8 });
  return fc.record({
    actor: fc.constantFrom('owner', 'owner', 'member', 'anonymous', 'key'),
    path: fc
      .tuple(...names.map(paramValue))
      .map((values) =>
        names.reduce((path, name, i) => path.replace(`:${name}`, values[i] ?? ''), route.path),
      ),
    query: fc.option(nastyQuery, { freq: 2 }),
    body,
  });
}

async function send(route: Route, request: FuzzRequest) {
  const client =
    request.actor === 'owner'
      ? fx.owner
      : request.actor === 'member'
        ? fx.member
        : testClient(app, APP_URL);
  const url = request.query ? `${request.path}?${request.query}` : request.path;
  const headers: Record<string, string> = {
    origin: APP_URL,
    'content-type': request.body?.contentType ?? 'application/json',
  };
  // A script holding the fixture's API key: no cookie (a fresh client), the key as Bearer.
  if (request.actor === 'key') headers.authorization = `Bearer ${fx.key.secret}`;
  return client.request(route.method, url, request.body?.text, { headers });
}

describe('fuzzing every route with malformed input', () => {
  it('finds the routes in the app (the kit’s and better-auth’s)', () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'PATCH /api/organizations/:orgId',
        'POST /api/organizations/:orgId/invitations/bulk',
        'GET /api/organizations/:orgId/activity',
        'POST /api/invitations/:token/sign-up',
        'GET /api/dev/mailbox',
        'POST /api/auth/sign-up/email',
        'POST /api/auth/sign-in/email',
        'POST /api/auth/request-password-reset',
        'POST /api/auth/reset-password',
        'GET /api/auth/reset-password/:token',
        'POST /api/auth/update-user',
      ]),
    );
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: never 5xx, and a refusal writes nothing',
    async (_name, route) => {
      let before = await databaseChecksum();
      await fc.assert(
        fc.asyncProperty(requests(route), async (request) => {
          const response = await send(route, request);
          const after = await databaseChecksum();
          const seen = `${route.method} ${request.path}${request.query ? `?${request.query}` : ''} → ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
          try {
            expect(response.status, seen).toBeLessThan(500);
            if (response.status >= 400) expect(after, `wrote on refusal: ${seen}`).toBe(before);
          } finally {
            if (after !== before) {
              await restoreFixture();
              before = await databaseChecksum();
            }
          }
        }),
        { seed: SEED, numRuns: runsFor(route), endOnFailure: true },
      );
    },
    60_000 * RUNS_SCALE,
  );
});
