import { db, invitation, rowsOf } from '@kit/database';
import { bulkCreateInvitations, type InvitationLimits } from '@kit/organization';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { TestClient, TestResponse } from '../testing/client';
import {
  actorFor,
  emailsTo,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
} from '../testing/organizations';
import { appWithRateLimits, testRateLimits } from '../testing/rate-limits';

const hour = 3_600_000;
const plenty = { max: 1000, windowMs: hour };

function limitsWith(overrides: Partial<InvitationLimits>): InvitationLimits {
  return {
    perInviter: plenty,
    perOrganization: plenty,
    perAddress: plenty,
    resendCooldownMs: 0,
    bulkImportsPerOrganization: plenty,
    ...overrides,
  };
}

const appWith = (overrides: Partial<InvitationLimits>) =>
  appWithRateLimits(testRateLimits({ invitations: limitsWith(overrides) }));

function expectRateLimited(response: TestResponse, message?: RegExp) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(response.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter } });
  if (message) expect(response.body.error.message).toMatch(message);
}

const invite = (client: TestClient, orgId: string, email: string) =>
  client.post(`/api/organizations/${orgId}/invitations`, { email });

async function invitationsTo(email: string) {
  return db.select().from(invitation).where(eq(invitation.email, email));
}

describe('invitation send limits', () => {
  it('limits the invitations one person sends per hour, across organizations', async () => {
    const app = appWith({ perInviter: { max: 3, windowMs: hour } });
    const { owner, org } = await ownerWithOrg(app, 'Inviter Limit');
    await unlimitedSeats(org.id);
    for (let i = 0; i < 3; i++)
      expect((await invite(owner, org.id, uniqueEmail('inv'))).status).toBe(201);
    const refusedEmail = uniqueEmail('refused');
    expectRateLimited(await invite(owner, org.id, refusedEmail), /You have sent too many/);
    expect(await invitationsTo(refusedEmail)).toHaveLength(0);
    expect(await emailsTo(refusedEmail)).toHaveLength(0);

    const second = await owner.post('/api/organizations', { name: 'Inviter Limit Two' });
    expectRateLimited(await invite(owner, second.body.id, uniqueEmail('elsewhere')));
  });

  it('charges only the invitations that go out: refusals by the checks or the limit leave the count as it was', async () => {
    const app = appWith({ perInviter: { max: 2, windowMs: hour } });
    const { owner, email: ownerEmail, org } = await ownerWithOrg(app, 'Inviter Count');
    await unlimitedSeats(org.id);
    const { userId } = await actorFor(ownerEmail);
    const counted = async () => {
      const [row] = rowsOf<{ hits: number }>(
        await db.execute(
          sql`select hits from rate_limit where key = ${`invitations:inviter:${userId}`}`,
        ),
      );
      return Number(row?.hits ?? 0);
    };

    const first = uniqueEmail('first');
    expect((await invite(owner, org.id, first)).status).toBe(201);
    // Refused by the checks (a duplicate, a member): nothing sent, nothing charged.
    expect((await invite(owner, org.id, first)).status).toBe(409);
    expect((await invite(owner, org.id, ownerEmail)).status).toBe(409);
    expect(await counted()).toBe(1);

    expect((await invite(owner, org.id, uniqueEmail('second'))).status).toBe(201);
    expect(await counted()).toBe(2);
    // Refused by the limit: the charge rolls back with everything else.
    const refused = uniqueEmail('refused');
    expectRateLimited(await invite(owner, org.id, refused), /You have sent too many/);
    expect(await counted()).toBe(2);
    expect(await invitationsTo(refused)).toHaveLength(0);
    expect(await emailsTo(refused)).toHaveLength(0);
  });

  it('limits the invitations one organization sends per hour, whoever sends them', async () => {
    const app = appWith({ perOrganization: { max: 3, windowMs: hour } });
    const { owner, org } = await ownerWithOrg(app, 'Org Limit');
    await unlimitedSeats(org.id);
    const admin = await joinAs(app, owner, org.id, 'admin'); // the first invitation
    expect((await invite(owner, org.id, uniqueEmail('o'))).status).toBe(201);
    expect((await invite(admin.client, org.id, uniqueEmail('a'))).status).toBe(201);
    expectRateLimited(
      await invite(admin.client, org.id, uniqueEmail('a')),
      /This organization has sent too many invitations/,
    );
    expectRateLimited(await invite(owner, org.id, uniqueEmail('o')));
  });

  it('stops cancel-and-invite-again loops to one address, across organizations', async () => {
    const app = appWith({ perAddress: { max: 2, windowMs: 24 * hour } });
    const { owner, org } = await ownerWithOrg(app, 'Loop');
    const victim = uniqueEmail('victim');
    for (let round = 0; round < 2; round++) {
      const created = await invite(owner, org.id, victim);
      expect(created.status).toBe(201);
      const canceled = await owner.delete(
        `/api/organizations/${org.id}/invitations/${created.body.invitation.id}`,
      );
      expect(canceled.status).toBe(200);
    }
    expectRateLimited(
      await invite(owner, org.id, victim),
      new RegExp(`Too many invitations were sent to ${victim}`),
    );
    const other = await ownerWithOrg(app, 'Loop Elsewhere');
    expectRateLimited(await invite(other.owner, other.org.id, victim));
    expect(await emailsTo(victim)).toHaveLength(2);
    // Other addresses are unaffected.
    expect((await invite(owner, org.id, uniqueEmail('someone'))).status).toBe(201);
  });

  it('counts bulk rows one each, refuses an import that would go over, and limits imports per organization', async () => {
    const app = appWith({
      perInviter: { max: 5, windowMs: hour },
      bulkImportsPerOrganization: { max: 3, windowMs: hour },
    });
    const { owner, org } = await ownerWithOrg(app, 'Bulk Limit');
    await unlimitedSeats(org.id);
    const csv = (count: number, label: string) =>
      ['email', ...Array.from({ length: count }, () => uniqueEmail(label))].join('\n');
    const postCsv = (body: string, query = '') =>
      owner.request('POST', `/api/organizations/${org.id}/invitations/bulk${query}`, body, {
        headers: { 'content-type': 'text/csv' },
      });

    // A dry run sends nothing, so it charges no invitations.
    const dry = await postCsv(csv(6, 'dry'), '?dryRun=true');
    expect(dry.status).toBe(200);
    const tooMany = await postCsv(csv(6, 'six'));
    expectRateLimited(tooMany, /this request counts 6, the limit is 5 per hour/);
    expect(
      await db.select().from(invitation).where(eq(invitation.organizationId, org.id)),
    ).toHaveLength(0);

    const fits = await postCsv(csv(5, 'five'));
    expect(fits.status).toBe(200);
    expect(fits.body.summary.invited).toBe(5);
    expectRateLimited(await invite(owner, org.id, uniqueEmail('single')));

    // Three import requests (dry runs included) per hour; the fourth is refused.
    expectRateLimited(await postCsv(csv(1, 'fifth'), '?dryRun=true'), /Too many bulk imports/);
  });

  it('refuses a large import over the limit whole: no invitation, activity entry or email of any chunk is kept', async () => {
    const limit = { max: 2_000, windowMs: hour };
    const app = appWith({ perInviter: limit, perOrganization: limit });
    const { owner, org } = await ownerWithOrg(app, 'Large Import Limit');
    await unlimitedSeats(org.id);
    const csv = ['email', ...Array.from({ length: 2_500 }, () => uniqueEmail('large'))].join('\n');
    const refused = await owner.request(
      'POST',
      `/api/organizations/${org.id}/invitations/bulk`,
      csv,
      { headers: { 'content-type': 'text/csv' } },
    );
    expectRateLimited(refused, /this request counts 2500, the limit is 2000 per hour/);
    const [left] = rowsOf<{ invitations: number; activity: number; emails: number }>(
      await db.execute(sql`
        select
          (select count(*)::int from invitation where organization_id = ${org.id}) as invitations,
          (select count(*)::int from organization_activity
            where organization_id = ${org.id} and action = 'invitation.created') as activity,
          (select count(*)::int from email_outbox where organization_id = ${org.id}) as emails`),
    );
    expect(left).toEqual({ invitations: 0, activity: 0, emails: 0 });
  });

  it('leaves the operator path (the CLI, no limits passed) unlimited', async () => {
    const app = appWith({ perInviter: { max: 1, windowMs: hour } });
    const { owner, org, email } = await ownerWithOrg(app, 'Operator');
    await unlimitedSeats(org.id);
    expect((await invite(owner, org.id, uniqueEmail('first'))).status).toBe(201);
    expectRateLimited(await invite(owner, org.id, uniqueEmail('second')));
    const result = await bulkCreateInvitations({
      actor: await actorFor(email),
      organizationId: org.id,
      rows: [1, 2, 3].map((row) => ({ row, email: uniqueEmail('cli'), metadata: {} })),
      source: 'cli',
    });
    expect(result.summary.invited).toBe(3);
  });
});

describe('resend cooldown', () => {
  it('refuses a resend within the cooldown and says when it becomes available', async () => {
    const app = appWith({ resendCooldownMs: 60_000 });
    const { owner, org } = await ownerWithOrg(app, 'Cooldown');
    const email = uniqueEmail('cool');
    const created = await invite(owner, org.id, email);
    const view = created.body.invitation;
    expect(Date.parse(view.resendAvailableAt) - Date.parse(view.createdAt)).toBe(60_000);
    const listed = await owner.get(`/api/organizations/${org.id}/invitations`);
    expect(listed.body.invitations[0].resendAvailableAt).toBe(view.resendAvailableAt);

    const early = await owner.post(`/api/organizations/${org.id}/invitations/${view.id}/resend`);
    expectRateLimited(early, /This invitation was sent moments ago/);
    expect(early.body.error.details.retryAfter).toBeLessThanOrEqual(60);
    expect(await invitationsTo(email)).toHaveLength(1);

    // As if the last send was 61 s ago.
    await db
      .update(invitation)
      .set({ createdAt: sql`now() - interval '61 seconds'` })
      .where(and(eq(invitation.id, view.id)));
    const resent = await owner.post(`/api/organizations/${org.id}/invitations/${view.id}/resend`);
    expect(resent.status).toBe(200);
    const fresh = resent.body.invitation;
    expect(Date.parse(fresh.resendAvailableAt) - Date.parse(fresh.createdAt)).toBe(60_000);
    // The new invitation starts its own cooldown.
    expectRateLimited(
      await owner.post(`/api/organizations/${org.id}/invitations/${fresh.id}/resend`),
    );
    expect(await emailsTo(email)).toHaveLength(2);
  });

  it('counts resends toward the per-address limit', async () => {
    const app = appWith({ perAddress: { max: 2, windowMs: hour } });
    const { owner, org } = await ownerWithOrg(app, 'Resend Count');
    const email = uniqueEmail('resent');
    const created = await invite(owner, org.id, email);
    const first = await owner.post(
      `/api/organizations/${org.id}/invitations/${created.body.invitation.id}/resend`,
    );
    expect(first.status).toBe(200);
    expectRateLimited(
      await owner.post(
        `/api/organizations/${org.id}/invitations/${first.body.invitation.id}/resend`,
      ),
    );
    expect(await emailsTo(email)).toHaveLength(2);
  });
});
