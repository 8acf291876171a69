import { createHash } from 'node:crypto';
import { db, member, organizationApiKey, organizationActivity } from '@kit/database';
import {
  createInvitation,
  listMembersPage,
  setOrganizationPlan,
  type Actor,
} from '@kit/organization';
import type { InvitationCancelContext, InvitationCreateContext } from '@kit/organization-policies';
import { allow, definePolicy, type Policy, type PolicyRegistry } from '@kit/policies';
import { parseRule } from '@kit/rate-limit';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKey, keyClient, type KeyClient } from './testing/api-keys';
import { signUpVerified, type TestClient } from './testing/client';
import { createTestKit } from './testing/kit';
import {
  invitationToken,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';
import { testRateLimits } from './testing/rate-limits';

const { app, registries } = createTestKit();

const registered: Array<() => void> = [];
function register<Ctx>(registry: PolicyRegistry<Ctx>, policy: Policy<Ctx>) {
  registry.registerPolicy(policy);
  registered.push(() => registry.unregisterPolicy(policy.id));
}
afterEach(() => {
  for (const unregister of registered.splice(0)) unregister();
});

let owner: TestClient;
let org: OrgView;
let admin: JoinedMember;
let plainMember: JoinedMember;
let otherOwner: TestClient;
let otherOrg: OrgView;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Key Corp'));
  await unlimitedSeats(org.id);
  admin = await joinAs(app, owner, org.id, 'admin', 'key-admin');
  plainMember = await joinAs(app, owner, org.id, 'member', 'key-member');
  ({ owner: otherOwner, org: otherOrg } = await ownerWithOrg(app, 'Other Corp', 'other-owner'));
});

const orgPath = (suffix = '', id = org.id) => `/api/organizations/${id}${suffix}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function keyRow(id: string) {
  const [row] = await db.select().from(organizationApiKey).where(eq(organizationApiKey.id, id));
  return row!;
}

function expectError(response: { status: number; body: unknown }, status: number, code: string) {
  const body = response.body as { error?: { code?: string } } | null;
  expect({ status: response.status, code: body?.error?.code }).toEqual({
    status,
    code,
  });
}

describe('creating, listing and revoking keys', () => {
  it('shows the secret once, stores only its hash, and lists the key by its prefix', async () => {
    const created = await owner.post(orgPath('/api-keys'), {
      name: 'HR sync',
      scopes: ['members:read', 'invitations:write'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const { apiKey, secret } = created.body;
    expect(secret).toMatch(/^kit_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.any(String),
      name: 'HR sync',
      prefix: secret.slice(0, 12),
      scopes: ['invitations:write', 'members:read'],
      expiresAt: expect.any(String),
      lastUsedAt: null,
      createdAt: expect.any(String),
      createdBy: { id: expect.any(String), name: 'Key Corp Owner', email: expect.any(String) },
    });
    const days = (Date.parse(apiKey.expiresAt) - Date.parse(apiKey.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const row = await keyRow(apiKey.id);
    expect(row.secretHash).toBe(sha256(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));

    const listed = await owner.get(orgPath('/api-keys'));
    expect(listed.status).toBe(200);
    expect(listed.body.apiKeys).toContainEqual(apiKey);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(12));
    // Admins manage keys too; plain members do not.
    expect((await admin.client.get(orgPath('/api-keys'))).body.apiKeys).toContainEqual(apiKey);
    expectError(
      await plainMember.client.get(orgPath('/api-keys')),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
  });

  it('refuses bad input with a code and stores nothing', async () => {
    const before = await db.select().from(organizationApiKey);
    for (const body of [
      {},
      { name: '', scopes: ['members:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['members:admin'] },
      { name: 'x', scopes: ['members:read'], expiresInDays: 0 },
      { name: 'x', scopes: ['members:read'], expiresInDays: 366 },
      { name: 'x', scopes: ['members:read'], extra: true },
      { name: 'line\nbreak', scopes: ['members:read'] },
    ]) {
      const response = await owner.post(orgPath('/api-keys'), body);
      expectError(response, 400, 'VALIDATION_ERROR');
      expect(response.body.error.message).toEqual(expect.any(String));
    }
    expectError(
      await plainMember.client.post(orgPath('/api-keys'), { name: 'x', scopes: ['members:read'] }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await otherOwner.post(orgPath('/api-keys'), { name: 'x', scopes: ['members:read'] }),
      404,
      'ORGANIZATION_NOT_FOUND',
    );
    expect(await db.select().from(organizationApiKey)).toEqual(before);
  });

  it('works at once, records when it was last used, and stops at once when revoked', async () => {
    const key = await createKey(owner, org.id, { name: 'Short-lived' });
    const client = keyClient(app, key.secret);
    const members = await client.get(orgPath('/members'));
    expect(members.status).toBe(200);
    expect(members.body.members.map((m: { email: string }) => m.email)).toContain(admin.email);
    const used = (await keyRow(key.id)).lastUsedAt;
    expect(used).toBeInstanceOf(Date);
    // A second use within the minute writes nothing.
    await client.get(orgPath('/members'));
    expect((await keyRow(key.id)).lastUsedAt).toEqual(used);

    const revoked = await owner.delete(orgPath(`/api-keys/${key.id}`));
    expect(revoked.status).toBe(204);
    expect((await keyRow(key.id)).revokedAt).toBeInstanceOf(Date);
    expectError(await client.get(orgPath('/members')), 401, 'INVALID_API_KEY');
    const listed = await owner.get(orgPath('/api-keys'));
    expect(listed.body.apiKeys.map((k: { id: string }) => k.id)).not.toContain(key.id);
    expectError(await owner.delete(orgPath(`/api-keys/${key.id}`)), 404, 'API_KEY_NOT_FOUND');
    expectError(
      await otherOwner.delete(orgPath(`/api-keys/${key.id}`, otherOrg.id)),
      404,
      'API_KEY_NOT_FOUND',
    );
  });
});

describe('keys that do not work', () => {
  it('answers 401 INVALID_API_KEY to an unknown, malformed, expired or orphaned key', async () => {
    const unknown = `kit_${'A'.repeat(43)}`;
    for (const secret of [unknown, 'kit_short', 'not-a-key', '']) {
      const response = await keyClient(app, secret).get(orgPath('/members'));
      expectError(response, 401, 'INVALID_API_KEY');
      expect(response.body).toEqual({
        error: { code: 'INVALID_API_KEY', message: expect.any(String) },
      });
    }

    const expiring = await createKey(owner, org.id, { name: 'Expiring', expiresInDays: 1 });
    expect((await keyClient(app, expiring.secret).get(orgPath('/members'))).status).toBe(200);
    await db
      .update(organizationApiKey)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(organizationApiKey.id, expiring.id));
    expectError(
      await keyClient(app, expiring.secret).get(orgPath('/members')),
      401,
      'INVALID_API_KEY',
    );
  });

  it('stops working when its creator is no longer an owner or admin of the organization', async () => {
    const creator = await joinAs(app, owner, org.id, 'admin', 'key-creator');
    const key = await createKey(creator.client, org.id, { name: 'Creator’s key' });
    const client = keyClient(app, key.secret);
    expect((await client.get(orgPath('/members'))).status).toBe(200);
    expect(
      (await owner.patch(orgPath(`/members/${creator.memberId}`), { role: 'member' })).status,
    ).toBe(200);
    expectError(await client.get(orgPath('/members')), 401, 'INVALID_API_KEY');
    expect(
      (await owner.patch(orgPath(`/members/${creator.memberId}`), { role: 'admin' })).status,
    ).toBe(200);
    expect((await client.get(orgPath('/members'))).status).toBe(200);
    expect((await owner.delete(orgPath(`/members/${creator.memberId}`))).status).toBe(204);
    expectError(await client.get(orgPath('/members')), 401, 'INVALID_API_KEY');
  });
});

describe('what a key may do', () => {
  let full: KeyClient;
  let fullId: string;
  let readOnly: KeyClient;

  beforeAll(async () => {
    const key = await createKey(admin.client, org.id, { name: 'Full access' });
    full = keyClient(app, key.secret);
    fullId = key.id;
    readOnly = keyClient(
      app,
      (await createKey(owner, org.id, { name: 'Read only', scopes: ['members:read'] })).secret,
    );
  });

  it('answers 403 INSUFFICIENT_SCOPE for a route outside its scopes, changing nothing', async () => {
    const before = await organizationSnapshot();
    const invite = await readOnly.post(orgPath('/invitations'), { email: uniqueEmail('scoped') });
    expectError(invite, 403, 'INSUFFICIENT_SCOPE');
    expect(invite.body.error.details).toEqual({ requiredScope: 'invitations:write' });
    expectError(await readOnly.get(orgPath('/invitations')), 403, 'INSUFFICIENT_SCOPE');
    expectError(
      await readOnly.patch(orgPath(`/members/${plainMember.memberId}/metadata`), {
        metadata: { team: 'x' },
      }),
      403,
      'INSUFFICIENT_SCOPE',
    );
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('sees another organization exactly as a non-member does (404)', async () => {
    const asNonMember = await owner.get(orgPath('/members', otherOrg.id));
    expect(asNonMember.status).toBe(404);
    for (const path of ['', '/members', '/invitations', '/seats']) {
      const response = await full.get(orgPath(path, otherOrg.id));
      expect(response.status).toBe(404);
      expect(response.body).toEqual(asNonMember.body);
    }
    const before = await organizationSnapshot();
    const invite = await full.post(orgPath('/invitations', otherOrg.id), {
      email: uniqueEmail('cross'),
    });
    expect(invite.status).toBe(404);
    expect(invite.body).toEqual(asNonMember.body);
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('can never manage keys, make owners, transfer, leave or delete, nor use account routes', async () => {
    const keysBefore = await db.select().from(organizationApiKey);
    const before = await organizationSnapshot();
    const [ownerRow] = await db
      .select({ id: member.id, userId: member.userId })
      .from(member)
      .where(and(eq(member.organizationId, org.id), eq(member.role, 'owner')));
    const attempts = [
      full.post(orgPath('/api-keys'), { name: 'Escalate', scopes: ['members:write'] }),
      full.get(orgPath('/api-keys')),
      full.delete(orgPath(`/api-keys/${fullId}`)),
      full.post(orgPath('/transfer-ownership'), { memberId: plainMember.memberId }),
      full.post(orgPath('/leave')),
      full.delete(orgPath()),
      full.patch(orgPath(), { name: 'Renamed' }),
      full.post(orgPath('/activate')),
      full.get(orgPath('/activity')),
      full.get(orgPath('/webhooks')),
      full.get('/api/organizations'),
      full.post('/api/organizations', { name: 'Key Org' }),
      full.get('/api/me/join-requests'),
      full.get('/api/account/sessions'),
      full.post('/api/join-requests/x/withdraw'),
      full.get('/api/invitations/some-token'),
      full.post('/api/join/some-token'),
    ];
    for (const response of await Promise.all(attempts)) {
      expectError(response, 403, 'API_KEY_NOT_ALLOWED');
    }
    // Allowed routes, refused by the services for a key.
    const toOwner = await full.patch(orgPath(`/members/${plainMember.memberId}`), {
      role: 'owner',
    });
    expect(toOwner.status).toBe(403);
    const ownerByOwnerKey = keyClient(app, (await createKey(owner, org.id)).secret);
    const promote = await ownerByOwnerKey.patch(orgPath(`/members/${plainMember.memberId}`), {
      role: 'owner',
    });
    expectError(promote, 403, 'API_KEY_NOT_ALLOWED');
    expectError(
      await ownerByOwnerKey.delete(orgPath(`/members/${ownerRow!.id}`)),
      403,
      'API_KEY_NOT_ALLOWED',
    );
    const after = await organizationSnapshot();
    expect({ ...after, activity: before.activity }).toEqual(before);
    expect(
      (await db.select().from(organizationApiKey)).filter((k) =>
        keysBefore.every((b) => b.id !== k.id),
      ),
    ).toHaveLength(1);
  });

  it('invites through the same services: the activity names the key, its creator is the inviter', async () => {
    const email = uniqueEmail('by-key');
    const invited = await full.post(orgPath('/invitations'), {
      email,
      role: 'member',
      metadata: { employeeId: 'E-1' },
    });
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).toMatchObject({
      email,
      inviter: { id: admin.userId, email: admin.email },
    });
    const activity = await owner.get(orgPath('/activity'));
    const entry = activity.body.items.find(
      (i: { action: string; targetLabel: string }) =>
        i.action === 'invitation.created' && i.targetLabel === email,
    );
    expect(entry).toMatchObject({
      actor: { id: admin.userId },
      apiKey: { id: fullId, name: 'Full access' },
    });
    const [row] = await db
      .select()
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, invited.body.invitation.id));
    expect(row).toMatchObject({
      actorType: 'api_key',
      apiKeyId: fullId,
      apiKeyName: 'Full access',
    });
    // A person's own changes stay theirs.
    const byOwner = await owner.post(orgPath('/invitations'), { email: uniqueEmail('by-owner') });
    const [ownRow] = await db
      .select()
      .from(organizationActivity)
      .where(eq(organizationActivity.targetId, byOwner.body.invitation.id));
    expect(ownRow).toMatchObject({ actorType: 'user', apiKeyId: null });
  });

  it('policies see that the call came with an API key', async () => {
    const seen: Array<Pick<InvitationCreateContext, 'source' | 'inviter'>> = [];
    register(
      registries.invitationCreate,
      definePolicy<InvitationCreateContext>({
        id: 'test.watch-create',
        evaluate: ({ source, inviter }) => {
          seen.push({ source, inviter });
          return allow();
        },
      }),
    );
    const cancels: Array<Pick<InvitationCancelContext, 'source' | 'actor'>> = [];
    register(
      registries.invitationCancel,
      definePolicy<InvitationCancelContext>({
        id: 'test.watch-cancel',
        evaluate: ({ source, actor }) => {
          cancels.push({ source, actor });
          return allow();
        },
      }),
    );
    const single = await full.post(orgPath('/invitations'), { email: uniqueEmail('policy') });
    expect(single.status).toBe(201);
    const bulk = await full.post(orgPath('/invitations/bulk'), {
      invitations: [{ email: uniqueEmail('policy-bulk') }],
    });
    expect(bulk.status).toBe(200);
    await owner.post(orgPath('/invitations'), { email: uniqueEmail('policy-owner') });
    const apiKey = { id: fullId, name: 'Full access' };
    expect(seen).toEqual([
      {
        source: 'api-key',
        inviter: {
          userId: admin.userId,
          name: admin.name,
          email: admin.email,
          role: 'admin',
          apiKey,
        },
      },
      {
        source: 'bulk',
        inviter: {
          userId: admin.userId,
          name: admin.name,
          email: admin.email,
          role: 'admin',
          apiKey,
        },
      },
      { source: 'api', inviter: expect.not.objectContaining({ apiKey: expect.anything() }) },
    ]);
    const canceled = await full.delete(orgPath(`/invitations/${single.body.invitation.id}`));
    expect(canceled.status).toBe(200);
    expect(cancels).toEqual([
      { source: 'api-key', actor: expect.objectContaining({ userId: admin.userId, apiKey }) },
    ]);
  });

  it('keeps invitation metadata on the membership and lets the key change it', async () => {
    const email = uniqueEmail('with-metadata');
    const metadata = { employeeId: 'E-42', team: { name: 'Ops', floor: 3 } };
    expect((await full.post(orgPath('/invitations'), { email, metadata })).status).toBe(201);
    const invitee = await signUpVerified(app, { name: 'Meta Person', email });
    expect(
      (await invitee.post(`/api/invitations/${await invitationToken(email)}/accept`)).status,
    ).toBe(200);
    const listed = await full.get(orgPath(`/members?q=${encodeURIComponent(email)}`));
    expect(listed.body.members).toEqual([expect.objectContaining({ email, metadata })]);
    const memberId = listed.body.members[0].id as string;

    const changed = await full.patch(orgPath(`/members/${memberId}/metadata`), {
      metadata: { employeeId: 'E-43' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: memberId, email, metadata: { employeeId: 'E-43' } });
    const bySession = await owner.patch(orgPath(`/members/${memberId}/metadata`), {
      metadata: { employeeId: 'E-44' },
    });
    expect(bySession.body.metadata).toEqual({ employeeId: 'E-44' });

    const before = await organizationSnapshot();
    for (const body of [
      { metadata: { blob: 'x'.repeat(9000) } },
      { metadata: [] },
      { metadata: { a: { b: { c: { d: { e: { f: 1 } } } } } } },
      {},
    ]) {
      expectError(
        await full.patch(orgPath(`/members/${memberId}/metadata`), body),
        400,
        'VALIDATION_ERROR',
      );
    }
    expectError(
      await plainMember.client.patch(orgPath(`/members/${memberId}/metadata`), { metadata: {} }),
      403,
      'INSUFFICIENT_PERMISSIONS',
    );
    expectError(
      await full.patch(orgPath('/members/no-such-member/metadata'), { metadata: {} }),
      404,
      'MEMBER_NOT_FOUND',
    );
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('is not a browser request: no Origin needed, but content type and body limits still apply', async () => {
    const noOrigin = await app.request(`http://localhost:3000${orgPath('/invitations')}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await createKey(owner, org.id, { name: 'Script' })).secret}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: uniqueEmail('no-origin') }),
    });
    expect(noOrigin.status).toBe(201);

    const wrongType = await full.request('POST', orgPath('/invitations'), 'email=a@b.test', {
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(415);
    const huge = await full.request(
      'POST',
      orgPath('/invitations'),
      JSON.stringify({ email: 'big@example.test', metadata: { blob: 'x'.repeat(2_000_000) } }),
      { 'content-type': 'application/json' },
    );
    expect(huge.status).toBe(413);

    // Another scheme (a proxy's Basic auth) is not a key: the session cookie decides.
    const basic = await owner.get(orgPath('/members'), {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(200);
    const bearerAndCookie = await owner.get(orgPath('/members'), {
      headers: { authorization: 'Bearer not-a-key' },
    });
    expectError(bearerAndCookie, 401, 'INVALID_API_KEY');

    // With a cookie, the request is a browser's: the origin check applies.
    const withCookie = await full.request(
      'POST',
      orgPath('/invitations'),
      { email: uniqueEmail('cookie') },
      { cookie: 'better-auth.session_token=x', origin: 'https://evil.example' },
    );
    expectError(withCookie, 403, 'CSRF_ORIGIN_REJECTED');
  });
});

describe('limits', () => {
  it('holds the seat limit for a key like for anyone', async () => {
    const { owner: seatOwner, org: seatOrg } = await ownerWithOrg(
      app,
      'Seat Key Org',
      'seat-owner',
    );
    await setOrganizationPlan({ organizationId: seatOrg.id, plan: 'team', seats: 2 });
    const client = keyClient(app, (await createKey(seatOwner, seatOrg.id)).secret);
    const fits = await client.post(orgPath('/invitations', seatOrg.id), {
      email: uniqueEmail('seat-fits'),
    });
    expect(fits.status).toBe(201);
    const over = await client.post(orgPath('/invitations', seatOrg.id), {
      email: uniqueEmail('seat-over'),
    });
    expectError(over, 403, 'SEAT_LIMIT_REACHED');
  });

  it('answers 429 once a key has made its requests for the minute', async () => {
    const limited = createTestKit({
      rateLimits: testRateLimits({ apiKeyRequests: parseRule('3/1m')! }),
    }).app;
    const { owner: limitedOwner, org: limitedOrg } = await ownerWithOrg(
      limited,
      'Busy Org',
      'busy',
    );
    const one = keyClient(limited, (await createKey(limitedOwner, limitedOrg.id)).secret);
    const other = keyClient(limited, (await createKey(limitedOwner, limitedOrg.id)).secret);
    for (let i = 0; i < 3; i++)
      expect((await one.get(orgPath('/members', limitedOrg.id))).status).toBe(200);
    const refused = await one.get(orgPath('/members', limitedOrg.id));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body.error.code).toEqual(expect.any(String));
    // Per key: another key of the same organization still works, and so does the session.
    expect((await other.get(orgPath('/members', limitedOrg.id))).status).toBe(200);
    expect((await limitedOwner.get(orgPath('/members', limitedOrg.id))).status).toBe(200);
  });
});

describe('the services, called with a key’s actor', () => {
  it('refuse another organization as if it did not exist', async () => {
    const actor: Actor = {
      userId: admin.userId,
      name: admin.name,
      email: admin.email,
      apiKey: { id: 'k', name: 'Elsewhere', organizationId: otherOrg.id, scopes: ['members:read'] },
    };
    await expect(listMembersPage({ actor, organizationId: org.id })).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
    await expect(
      createInvitation({ actor, organizationId: org.id, input: { email: uniqueEmail('svc') } }),
    ).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('are in the OpenAPI document, with the key routes and the metadata route', async () => {
    const document = await app.request('http://localhost:3000/api/openapi.json');
    expect(document.status).toBe(200);
    const paths = Object.keys(((await document.json()) as { paths: object }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/organizations/{orgId}/api-keys',
        '/api/organizations/{orgId}/api-keys/{keyId}',
        '/api/organizations/{orgId}/members/{memberId}/metadata',
      ]),
    );
  });
});
