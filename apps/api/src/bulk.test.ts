import { db, emailOutbox, invitation, organizationActivity, rowsOf } from '@kit/database';
import { setOrganizationPlan } from '@kit/organization';
import { allow, definePolicy, deny } from '@kit/policies';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, testClient, type TestClient } from './testing/client';

const { app, registries } = createTestKit();
const invitationCreateRegistry = registries.invitationCreate;

let owner: TestClient;
let existing: TestClient;
let n = 0;

async function newOrg(seats = 100) {
  const created = await owner.post('/api/organizations', { name: `Bulk Org ${++n}` });
  await setOrganizationPlan({ organizationId: created.body.id, plan: 'team', seats });
  return created.body.id as string;
}

const postCsv = (orgId: string, csv: string, query = '') =>
  owner.request('POST', `/api/organizations/${orgId}/invitations/bulk${query}`, csv, {
    headers: { 'content-type': 'text/csv' },
  });

beforeAll(async () => {
  owner = await signUpVerified(app, { name: 'Bulk Owner', email: 'bulk-owner@example.com' });
  existing = await signUpVerified(app, { name: 'Existing', email: 'existing@example.com' });
});

afterEach(() => {
  invitationCreateRegistry.unregisterPolicy('test.no-contractors');
});

describe('bulk invitations', () => {
  it('gives every CSV row its own status and invites the rest, with metadata from extra columns', async () => {
    const orgId = await newOrg(100);
    // existing@example.com becomes a member; pending@example.com gets a pending invitation.
    await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'existing@example.com' });
    const token = new URL(
      (await latestEmail('existing@example.com', /invited/)).links.find((l) =>
        l.includes('/invite/'),
      )!,
    ).pathname
      .split('/')
      .pop();
    expect((await existing.post(`/api/invitations/${token}/accept`)).status).toBe(200);
    await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'pending@example.com' });
    invitationCreateRegistry.registerPolicy(
      definePolicy({
        id: 'test.no-contractors',
        evaluate: async (ctx: { metadata: Record<string, unknown> }) =>
          ctx.metadata.team === 'contractors'
            ? deny({ code: 'NO_CONTRACTORS', message: 'Contractors are invited by procurement.' })
            : allow(),
      }),
    );

    const csv = [
      'email,role,team',
      'Ann@Example.com,admin,design',
      'not-an-email,member,x',
      'ann@example.com,member,dup',
      'existing@example.com,member,',
      'pending@example.com,member,',
      'bob@example.com,superhero,',
      'carl@example.com,member,contractors',
      'dina@example.com,,sales',
    ].join('\n');
    const response = await postCsv(orgId, csv);
    expect(response.status).toBe(200);
    expect(
      response.body.results.map(
        (r: { row: number; line: number; email: string; status: string; code?: string }) => [
          r.line,
          r.email,
          r.status,
          r.code,
        ],
      ),
    ).toEqual([
      [2, 'ann@example.com', 'invited', undefined],
      [3, 'not-an-email', 'invalid_email', 'INVALID_EMAIL'],
      [4, 'ann@example.com', 'duplicate_in_file', 'DUPLICATE_IN_FILE'],
      [5, 'existing@example.com', 'already_member', 'ALREADY_MEMBER'],
      [6, 'pending@example.com', 'already_invited', 'ALREADY_INVITED'],
      [7, 'bob@example.com', 'invalid_role', 'INVALID_ROLE'],
      [8, 'carl@example.com', 'denied', 'NO_CONTRACTORS'],
      [9, 'dina@example.com', 'invited', undefined],
    ]);
    expect(response.body.summary).toEqual({
      total: 8,
      invited: 2,
      already_member: 1,
      already_invited: 1,
      invalid_email: 1,
      invalid_role: 1,
      duplicate_in_file: 1,
      denied: 1,
      seat_limit: 0,
    });
    const stored = await db.select().from(invitation).where(eq(invitation.organizationId, orgId));
    const ann = stored.find((r) => r.email === 'ann@example.com');
    expect(ann).toMatchObject({ role: 'admin', status: 'pending', metadata: { team: 'design' } });
    expect(stored.find((r) => r.email === 'dina@example.com')).toMatchObject({
      role: 'member',
      metadata: { team: 'sales' },
    });
    const email = await latestEmail('dina@example.com', /invited/);
    expect(email.links.some((l) => l.includes('/invite/'))).toBe(true);
  });

  it('stores every row of a large import with its activity entry and its one email', async () => {
    // Several thousand rows are stored in chunks whose statements are pipelined.
    const orgId = await newOrg(5_000);
    const count = 2_345;
    const csv = [
      'email,team',
      ...Array.from({ length: count }, (_, i) => `many${i}@example.com,t${i % 3}`),
    ].join('\n');
    const response = await postCsv(orgId, csv);
    expect(response.status).toBe(200);
    expect(response.body.summary).toMatchObject({ total: count, invited: count });
    const ids = new Set(response.body.results.map((r: { invitationId: string }) => r.invitationId));
    expect(ids.size).toBe(count);

    const [counts] = rowsOf<{
      invitations: number;
      activity: number;
      emails: number;
      matched: number;
      times: number;
    }>(
      await db.execute(sql`
        select
          (select count(*)::int from ${invitation} where ${invitation.organizationId} = ${orgId}) as invitations,
          (select count(*)::int from ${organizationActivity}
            where ${organizationActivity.organizationId} = ${orgId} and ${organizationActivity.action} = 'invitation.created') as activity,
          (select count(*)::int from ${emailOutbox} where ${emailOutbox.organizationId} = ${orgId}) as emails,
          (select count(*)::int from ${emailOutbox} o join ${invitation} i
            on i.id = o.invitation_id and i.email = o."to" where i.organization_id = ${orgId}) as matched,
          (select count(distinct ${invitation.createdAt})::int from ${invitation}
            where ${invitation.organizationId} = ${orgId}) as times`),
    );
    // One email per invitation, to its own address; one creation time for the whole import.
    expect(counts).toEqual({
      invitations: count,
      activity: count,
      emails: count,
      matched: count,
      times: 1,
    });
    const stored = await db
      .select({ id: invitation.id })
      .from(invitation)
      .where(eq(invitation.organizationId, orgId));
    expect(new Set(stored.map((r) => r.id))).toEqual(ids);
  });

  it('invites nobody twice when the same file is imported again', async () => {
    const orgId = await newOrg(100);
    const body = {
      invitations: [
        { email: 'x1@example.com', role: 'member' },
        { email: 'x2@example.com', role: 'admin', metadata: { source: 'crm' } },
      ],
    };
    const first = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, body);
    expect(first.body.summary).toMatchObject({ total: 2, invited: 2 });
    const second = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, body);
    expect(second.body.summary).toMatchObject({ total: 2, invited: 0, already_invited: 2 });
    expect(
      await db.select().from(invitation).where(eq(invitation.organizationId, orgId)),
    ).toHaveLength(2);
    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.to, 'x1@example.com'));
    expect(queued).toHaveLength(1);
  });

  it('invites again an address whose invitation ran out, and marks the old one expired', async () => {
    const orgId = await newOrg(100);
    const body = {
      invitations: [{ email: 'stale@example.com' }, { email: 'live@example.com' }],
    };
    const first = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, body);
    const [staleId, liveId] = first.body.results.map(
      (r: { invitationId: string }) => r.invitationId,
    );
    // The first one's time runs out; it is still marked pending.
    await db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(invitation.id, staleId));

    const dryRun = await owner.post(`/api/organizations/${orgId}/invitations/bulk?dryRun=1`, body);
    expect(dryRun.body.results.map((r: { status: string }) => r.status)).toEqual([
      'invited',
      'already_invited',
    ]);
    const again = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, body);
    expect(again.body.results).toMatchObject([
      { email: 'stale@example.com', status: 'invited' },
      { email: 'live@example.com', status: 'already_invited', invitationId: liveId },
    ]);
    const rows = await db
      .select({ id: invitation.id, email: invitation.email, status: invitation.status })
      .from(invitation)
      .where(eq(invitation.organizationId, orgId));
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.id === staleId)?.status).toBe('expired');
    expect(
      rows
        .filter((r) => r.status === 'pending')
        .map((r) => r.email)
        .sort(),
    ).toEqual(['live@example.com', 'stale@example.com']);
  });

  it('fills the free seats in file order and reports the rest as seat_limit', async () => {
    const orgId = await newOrg(3); // owner + 2 free
    const response = await owner.post(`/api/organizations/${orgId}/invitations/bulk`, {
      invitations: ['s1', 's2', 's3', 's4'].map((s) => ({
        email: `${s}@example.com`,
        role: 'member',
      })),
    });
    expect(response.body.results.map((r: { status: string }) => r.status)).toEqual([
      'invited',
      'invited',
      'seat_limit',
      'seat_limit',
    ]);
    expect(response.body.results[2]).toMatchObject({
      code: 'SEAT_LIMIT_REACHED',
      remediation: expect.stringMatching(/upgrade/i),
    });
  });

  it('names, for each repeated address, the earlier row it repeats', async () => {
    const orgId = await newOrg(100);
    const csv = [
      'email,role',
      'first@example.com,member',
      'second@example.com,member',
      'not-an-email,member',
      'FIRST@example.com,admin',
      'second@example.com,member',
      ' first@example.com ,member',
    ].join('\n');
    const response = await postCsv(orgId, csv);
    expect(response.status).toBe(200);
    const duplicates = response.body.results.filter(
      (r: { status: string }) => r.status === 'duplicate_in_file',
    );
    expect(
      duplicates.map((r: { row: number; line: number; duplicateOfRow: number }) => [
        r.row,
        r.line,
        r.duplicateOfRow,
      ]),
    ).toEqual([
      [4, 5, 1],
      [5, 6, 2],
      [6, 7, 1],
    ]);
    expect(duplicates[0]).toMatchObject({
      email: 'first@example.com',
      code: 'DUPLICATE_IN_FILE',
      message: expect.stringContaining('row 1'),
    });
    // Only rows that are duplicates say so; the first of each address is invited.
    expect(
      response.body.results
        .filter((r: { duplicateOfRow?: number }) => r.duplicateOfRow !== undefined)
        .map((r: { row: number }) => r.row),
    ).toEqual([4, 5, 6]);
    expect(response.body.summary).toMatchObject({ invited: 2, duplicate_in_file: 3 });

    // The JSON form numbers rows the same way (1-based, in the order sent).
    const json = await owner.post(`/api/organizations/${orgId}/invitations/bulk?dryRun=true`, {
      invitations: [
        { email: 'j1@example.com' },
        { email: 'j2@example.com' },
        { email: 'J1@example.com' },
      ],
    });
    expect(json.body.results[2]).toMatchObject({
      row: 3,
      status: 'duplicate_in_file',
      duplicateOfRow: 1,
    });
  });

  it('predicts without storing on a dry run', async () => {
    const orgId = await newOrg(100);
    const response = await postCsv(orgId, 'email\npreview@example.com\n', '?dryRun=true');
    expect(response.body).toMatchObject({ dryRun: true, summary: { invited: 1 } });
    expect(await db.select().from(invitation).where(eq(invitation.organizationId, orgId))).toEqual(
      [],
    );
  });

  it('refuses 10,001 rows and malformed CSV with clear errors, storing nothing', async () => {
    const orgId = await newOrg(100);
    const big = ['email', ...Array.from({ length: 10_001 }, (_, i) => `big${i}@example.com`)].join(
      '\n',
    );
    const tooMany = await postCsv(orgId, big);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringContaining('10,000'),
      details: { max: 10000, received: 10001 },
    });
    const malformed = await postCsv(
      orgId,
      'email,role\nok@example.com,member\n"broken@example.com,member\n',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({
      code: 'INVALID_CSV',
      message: expect.stringContaining('line 3'),
    });
    const ragged = await postCsv(orgId, 'email,role\nok@example.com,member,extra\n');
    expect(ragged.body.error).toMatchObject({ code: 'INVALID_CSV', details: { line: 2 } });
    const noEmail = await postCsv(orgId, 'name,role\nA,member\n');
    expect(noEmail.body.error).toMatchObject({
      code: 'INVALID_CSV',
      message: expect.stringContaining('"email"'),
    });
    expect(await db.select().from(invitation).where(eq(invitation.organizationId, orgId))).toEqual(
      [],
    );
  });

  it('runs the same permission check as a single invitation', async () => {
    const orgId = await newOrg(100);
    const outsider = testClient(app);
    expect(
      (await outsider.post(`/api/organizations/${orgId}/invitations/bulk`, { invitations: [] }))
        .status,
    ).toBe(401);
    const stranger = await signUpVerified(app, { name: 'Stranger', email: 'stranger@example.com' });
    expect(
      (await stranger.post(`/api/organizations/${orgId}/invitations/bulk`, { invitations: [] }))
        .status,
    ).toBe(404);
  });
});
