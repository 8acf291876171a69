import { db, invitation } from '@kit/database';
import { setOrganizationPlan } from '@kit/organization';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { testClient, type TestClient, type TestResponse } from './testing/client';
import {
  invitationToken,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  type JoinedMember,
} from './testing/organizations';

const { app } = createTestKit();

let owner: TestClient;
let orgId: string;
let member: JoinedMember;

beforeAll(async () => {
  const created = await ownerWithOrg(app, 'Hygiene Org');
  owner = created.owner;
  orgId = created.org.id;
  await setOrganizationPlan({ organizationId: orgId, plan: 'business' });
  member = await joinAs(app, owner, orgId, 'member');
});

/** Runs `call`, expects a 400 with `code`, and that no row changed. */
async function expectRefused(call: () => Promise<TestResponse>, code: string) {
  const before = await organizationSnapshot();
  const response = await call();
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  expect(response.body.error?.code).toBe(code);
  expect(await organizationSnapshot()).toEqual(before);
  return response;
}

/** JSON text of an object nested `depth` levels deep (too deep for JSON.stringify in a test). */
const nestedJson = (depth: number) => `${'{"next":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;

const postJsonText = (client: TestClient, path: string, text: string) =>
  client.request('POST', path, text, { headers: { 'content-type': 'application/json' } });

const encodeCursor = (text: string) => Buffer.from(text).toString('base64url');

describe('NUL characters', () => {
  it('are refused in path parameters, query strings and JSON bodies with INVALID_CHARACTERS', async () => {
    const cases = [
      () => owner.get(`/api/organizations/a%00b`),
      () => owner.patch(`/api/organizations/${orgId}/members/%00`, { role: 'admin' }),
      () => owner.get(`/api/organizations/${orgId}/invitations?status=pending%00`),
      () => owner.get(`/api/dev/mailbox?to=x%00y@example.test`),
      () => owner.post('/api/organizations', { name: 'Nul\u0000Org' }),
      () => owner.patch(`/api/organizations/${orgId}`, { name: 'Nul\u0000Org' }),
      () =>
        owner.post(`/api/organizations/${orgId}/invitations`, {
          email: uniqueEmail('nul'),
          metadata: { team: 'a\u0000b' },
        }),
      () =>
        owner.post(`/api/organizations/${orgId}/invitations`, {
          email: uniqueEmail('nul'),
          metadata: { 'k\u0000': 'v' },
        }),
      () =>
        testClient(app).post('/api/auth/sign-up/email', {
          name: 'Nul\u0000Name',
          email: uniqueEmail('nul'),
          password: 'correct-horse-battery',
        }),
      () =>
        testClient(app).post('/api/auth/reset-password', {
          token: '\u0000',
          newPassword: 'correct-horse-battery',
        }),
      () => testClient(app).get('/api/auth/reset-password/%00?callbackURL=/'),
    ];
    for (const call of cases) await expectRefused(call, 'INVALID_CHARACTERS');
  });

  it('are refused as raw bytes in a CSV import', async () => {
    await expectRefused(
      () =>
        owner.request(
          'POST',
          `/api/organizations/${orgId}/invitations/bulk`,
          'email\na\u0000@x.io',
          {
            headers: { 'content-type': 'text/csv' },
          },
        ),
      'INVALID_CHARACTERS',
    );
  });

  it('leave an escaped backslash followed by "u0000" alone (it is not a NUL)', async () => {
    const response = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: uniqueEmail('backslash'),
      metadata: { note: '\\u0000' },
    });
    expect(response.status).toBe(201);
    expect(response.body.invitation.metadata).toEqual({ note: '\\u0000' });
  });
});

describe('cursors', () => {
  it.each([
    ['an impossible day', '2024-02-31 10:00:00.000001+00'],
    ['month 13', '2024-13-01 10:00:00+00'],
    ['hour 24', '2024-01-01 24:00:00+00'],
    ['year 0', '0000-01-01 00:00:00+00'],
  ])('refuses an invitation cursor with %s', async (_label, createdAt) => {
    const cursor = encodeCursor(
      JSON.stringify([createdAt, 'c7a1b2c3-0000-4000-8000-000000000000']),
    );
    const response = await expectRefused(
      () => owner.get(`/api/organizations/${orgId}/invitations?cursor=${cursor}`),
      'VALIDATION_ERROR',
    );
    expect(response.body.error.message).toBe('Invalid cursor.');
  });

  it.each([
    ['an impossible day', '2024-02-31T10:00:00.000Z'],
    ['month 13', '2024-13-01T10:00:00.000Z'],
    ['a year outside 1-9999', '+275760-09-13T00:00:00.000Z'],
  ])('refuses an activity cursor with %s', async (_label, createdAt) => {
    const cursor = encodeCursor(`${createdAt}|c7a1b2c3-0000-4000-8000-000000000000`);
    await expectRefused(
      () => owner.get(`/api/organizations/${orgId}/activity?cursor=${cursor}`),
      'VALIDATION_ERROR',
    );
  });

  it('refuses a NUL hidden inside the base64 of a cursor', async () => {
    const cursor = encodeCursor(JSON.stringify(['2024-01-01 00:00:00+00', 'id\u0000']));
    await expectRefused(
      () => owner.get(`/api/organizations/${orgId}/invitations?cursor=${cursor}`),
      'VALIDATION_ERROR',
    );
    const activity = encodeCursor(`2024-01-01T00:00:00.000Z|id\u0000`);
    await expectRefused(
      () => owner.get(`/api/organizations/${orgId}/activity?cursor=${activity}`),
      'VALIDATION_ERROR',
    );
  });

  it('still pages with the cursors the API hands out', async () => {
    const first = await owner.get(`/api/organizations/${orgId}/activity?limit=1`);
    expect(first.status).toBe(200);
    const next = await owner.get(
      `/api/organizations/${orgId}/activity?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('metadata', () => {
  it('refuses a value nested 5,000 deep, a reserved key and more than 8 KB', async () => {
    for (const metadata of [
      nestedJson(5_000),
      nestedJson(6),
      '{"__proto__": {"admin": true}}',
      '{"constructor": "x"}',
      JSON.stringify({ big: 'x'.repeat(9_000) }),
      '{"lone": "\\ud800"}',
      '"not an object"',
    ]) {
      const response = await expectRefused(
        () =>
          postJsonText(
            owner,
            `/api/organizations/${orgId}/invitations`,
            `{"email": "${uniqueEmail('meta')}", "metadata": ${metadata}}`,
          ),
        'VALIDATION_ERROR',
      );
      expect(response.body.error.message).toMatch(/metadata/i);
    }
  });

  it('refuses a deeply nested row of a JSON bulk import, and only that row', async () => {
    const before = await organizationSnapshot();
    const response = await postJsonText(
      owner,
      `/api/organizations/${orgId}/invitations/bulk`,
      `{"invitations": [
        {"email": "${uniqueEmail('deep')}", "metadata": ${nestedJson(5_000)}},
        {"email": "not-an-email", "metadata": {"team": "a"}}
      ]}`,
    );
    expect(response.status).toBe(200);
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
      'denied',
      'invalid_email',
    ]);
    expect(response.body.results[0].message).toMatch(/nested at most/);
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('refuses a CSV column named __proto__ for the rows that fill it, storing nothing', async () => {
    const before = await organizationSnapshot();
    const csv = `email,__proto__\n${uniqueEmail('proto-cell')},x\n${uniqueEmail('proto-empty')},`;
    const response = await owner.request(
      'POST',
      `/api/organizations/${orgId}/invitations/bulk?dryRun=1`,
      csv,
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({
      status: 'denied',
      code: 'VALIDATION_ERROR',
      message: 'Metadata must not use the key "__proto__".',
    });
    expect(response.body.results[1]).toMatchObject({ status: 'invited' });
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('refuses an oversized CSV cell for its row', async () => {
    const csv = `email,note\n${uniqueEmail('cell')},${'x'.repeat(9_000)}`;
    const response = await owner.request(
      'POST',
      `/api/organizations/${orgId}/invitations/bulk`,
      csv,
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({ status: 'denied', code: 'VALIDATION_ERROR' });
  });
});

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('roles given as inherited object keys', () => {
  it('are refused per row in a JSON bulk import, storing nothing', async () => {
    const before = await organizationSnapshot();
    const response = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, {
      invitations: PROTOTYPE_KEYS.map((role) => ({ email: uniqueEmail('proto'), role })),
    });
    expect(response.status).toBe(200);
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual(
      PROTOTYPE_KEYS.map(() => 'invalid_role'),
    );
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('are refused per row in a CSV bulk import, storing nothing', async () => {
    const before = await organizationSnapshot();
    const csv = ['email,role', ...PROTOTYPE_KEYS.map((r) => `${uniqueEmail('proto')},${r}`)].join(
      '\n',
    );
    const response = await owner.request(
      'POST',
      `/api/organizations/${orgId}/invitations/bulk`,
      csv,
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ invalid_role: 4, invited: 0 });
    expect(await organizationSnapshot()).toEqual(before);
  });

  it.each(PROTOTYPE_KEYS)(
    'are refused for a single invitation and a role change: %s',
    async (role) => {
      await expectRefused(
        () =>
          owner.post(`/api/organizations/${orgId}/invitations`, { email: uniqueEmail('p'), role }),
        'VALIDATION_ERROR',
      );
      await expectRefused(
        () => owner.patch(`/api/organizations/${orgId}/members/${member.memberId}`, { role }),
        'VALIDATION_ERROR',
      );
    },
  );

  it('leave the organization working', async () => {
    expect((await owner.get(`/api/organizations/${orgId}/members`)).status).toBe(200);
    expect((await member.client.get(`/api/organizations/${orgId}`)).status).toBe(200);
  });
});

describe('names', () => {
  it('refuse line breaks and control characters and are capped', async () => {
    for (const name of [
      'Acme\r\nBcc: x@example.test',
      'Tab\there',
      'x'.repeat(81),
      'Bidi\u202Eevil',
    ]) {
      await expectRefused(() => owner.post('/api/organizations', { name }), 'VALIDATION_ERROR');
      await expectRefused(
        () => owner.patch(`/api/organizations/${orgId}`, { name }),
        'VALIDATION_ERROR',
      );
    }
  });

  it('are trimmed', async () => {
    const created = await owner.post('/api/organizations', { name: '  Trimmed Org  ' });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Trimmed Org');
  });

  it('refuse a control character or an over-long name at sign-up and on update-user', async () => {
    for (const name of ['Eve\r\nX-Injected: 1', 'x'.repeat(20_000), 'Bell\u0007']) {
      await expectRefused(
        () =>
          testClient(app).post('/api/auth/sign-up/email', {
            name,
            email: uniqueEmail('name'),
            password: 'correct-horse-battery',
          }),
        'INVALID_NAME',
      );
      await expectRefused(() => owner.post('/api/auth/update-user', { name }), 'INVALID_NAME');
    }
  });

  it('refuse a 1 MB name before reading it: the body is over the limit', async () => {
    const response = await owner.post('/api/auth/update-user', { name: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const session = await owner.get('/api/auth/get-session');
    expect(session.body.user.name).not.toHaveLength(1024 * 1024);
  });

  it('refuse other JSON types on update-user', async () => {
    for (const name of [null, 42, { first: 'A' }, ['A']])
      await expectRefused(() => owner.post('/api/auth/update-user', { name }), 'INVALID_NAME');
    await expectRefused(
      () => owner.post('/api/auth/update-user', { image: 'javascript:alert(1)' }),
      'INVALID_IMAGE',
    );
    const renamed = await owner.post('/api/auth/update-user', { name: '  Renamed Owner ' });
    expect(renamed.status).toBe(200);
    const session = await owner.get('/api/auth/get-session');
    expect(session.body.user.name).toBe('Renamed Owner');
  });

  it('refuse a control character when signing up through an invitation', async () => {
    const email = uniqueEmail('invitee');
    expect((await owner.post(`/api/organizations/${orgId}/invitations`, { email })).status).toBe(
      201,
    );
    const token = await invitationToken(email);
    await expectRefused(
      () =>
        testClient(app).post(`/api/invitations/${token}/sign-up`, {
          name: 'Mallory\nBcc: x@example.test',
          password: 'correct-horse-battery',
        }),
      'VALIDATION_ERROR',
    );
  });
});

describe('organization logo', () => {
  it.each([
    'javascript:alert(1)',
    'http://example.test/logo.png',
    'data:image/png;base64,AAAA',
    'https:logo.png',
  ])('refuses %s', async (logo) => {
    await expectRefused(
      () => owner.patch(`/api/organizations/${orgId}`, { logo }),
      'VALIDATION_ERROR',
    );
  });

  it('accepts an https URL and null', async () => {
    const set = await owner.patch(`/api/organizations/${orgId}`, {
      logo: 'https://cdn.example.test/logo.png',
    });
    expect(set.status).toBe(200);
    expect(set.body.logo).toBe('https://cdn.example.test/logo.png');
    const cleared = await owner.patch(`/api/organizations/${orgId}`, { logo: null });
    expect(cleared.body.logo).toBeNull();
  });
});

describe('stored invitations', () => {
  it('hold only valid roles after every refusal above', async () => {
    const rows = await db
      .select({ role: invitation.role })
      .from(invitation)
      .where(eq(invitation.organizationId, orgId));
    for (const row of rows) expect(['owner', 'admin', 'member']).toContain(row.role);
  });
});
