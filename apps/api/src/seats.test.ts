import { db, invitation, member } from '@kit/database';
import { setOrganizationPlan } from '@kit/organization';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, type TestClient } from './testing/client';

const { app } = createTestKit();

let owner: TestClient;
let n = 0;
async function newOrg(seats: number | null) {
  const created = await owner.post('/api/organizations', { name: `Seat Org ${++n}` });
  await setOrganizationPlan({ organizationId: created.body.id, plan: 'team', seats });
  return created.body.id as string;
}
const tokenOf = async (email: string) =>
  new URL((await latestEmail(email, /invited/)).links.find((l) => l.includes('/invite/'))!).pathname
    .split('/')
    .pop()!;

beforeAll(async () => {
  owner = await signUpVerified(app, { name: 'Seat Owner', email: 'seat-owner@example.com' });
});

describe('seat limits', () => {
  it('reports seats and counts members plus pending invitations', async () => {
    const orgId = await newOrg(3);
    await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'p1@example.com' });
    const seats = await owner.get(`/api/organizations/${orgId}/seats`);
    expect(seats.body).toEqual({ plan: 'team', limit: 3, members: 1, pending: 1, available: 1 });
  });

  it('refuses an invitation beyond the limit with details and a remediation, storing nothing', async () => {
    const orgId = await newOrg(2);
    expect(
      (await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'fits@example.com' }))
        .status,
    ).toBe(201);
    const over = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'over@example.com',
    });
    expect(over.status).toBe(403);
    expect(over.body.error).toMatchObject({
      code: 'SEAT_LIMIT_REACHED',
      message: expect.stringContaining('2 seats'),
      remediation: expect.stringMatching(/upgrade/i),
      details: { limit: 2, members: 1, pending: 1 },
    });
    const rows = await db
      .select()
      .from(invitation)
      .where(and(eq(invitation.organizationId, orgId), eq(invitation.email, 'over@example.com')));
    expect(rows).toEqual([]);
  });

  it('resending a pending invitation needs no seat; an expired one needs a free seat', async () => {
    const orgId = await newOrg(2);
    const created = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'r1@example.com',
    });
    expect(
      (
        await owner.post(
          `/api/organizations/${orgId}/invitations/${created.body.invitation.id}/resend`,
        )
      ).status,
    ).toBe(200);
    const current = (await owner.get(`/api/organizations/${orgId}/invitations`)).body
      .invitations[0];
    await db
      .update(invitation)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitation.id, current.id));
    // The expired invitation freed its seat; someone else takes it.
    expect(
      (await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'r2@example.com' }))
        .status,
    ).toBe(201);
    const resend = await owner.post(`/api/organizations/${orgId}/invitations/${current.id}/resend`);
    expect(resend.status).toBe(403);
    expect(resend.body.error.code).toBe('SEAT_LIMIT_REACHED');
  });

  it('refuses an accept that would exceed the limit (the plan shrank after the invitation)', async () => {
    const orgId = await newOrg(3);
    await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'late@example.com' });
    const token = await tokenOf('late@example.com');
    await setOrganizationPlan({ organizationId: orgId, plan: 'team', seats: 1 });
    const late = await signUpVerified(app, { name: 'Late', email: 'late@example.com' });
    const accept = await late.post(`/api/invitations/${token}/accept`);
    expect(accept.status).toBe(403);
    expect(accept.body.error).toMatchObject({
      code: 'SEAT_LIMIT_REACHED',
      details: { limit: 1, members: 1 },
    });
    expect(await db.select().from(member).where(eq(member.organizationId, orgId))).toHaveLength(1);
  });

  it('uses the default plan without a subscription, and unlimited when seats are null on enterprise', async () => {
    const created = await owner.post('/api/organizations', { name: 'Default Plan Org' });
    const seats = await owner.get(`/api/organizations/${created.body.id}/seats`);
    expect(seats.body).toMatchObject({
      plan: 'free',
      limit: 5,
      members: 1,
      pending: 0,
      available: 4,
    });
    await setOrganizationPlan({ organizationId: created.body.id, plan: 'enterprise' });
    expect((await owner.get(`/api/organizations/${created.body.id}/seats`)).body).toMatchObject({
      limit: null,
      available: null,
    });
  });

  it('holds under 50 concurrent invitations against 10 free seats', async () => {
    const orgId = await newOrg(11); // the owner + 10 free
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        owner.post(`/api/organizations/${orgId}/invitations`, { email: `c${i}@example.com` }),
      ),
    );
    const created = results.filter((r) => r.status === 201).length;
    const refused = results.filter(
      (r) => r.status === 403 && r.body.error.code === 'SEAT_LIMIT_REACHED',
    ).length;
    expect(created).toBe(10);
    expect(refused).toBe(40);
    const usage = (await owner.get(`/api/organizations/${orgId}/seats`)).body;
    expect(usage).toMatchObject({ limit: 11, members: 1, pending: 10, available: 0 });
  });

  it('holds under 50 concurrent accepts against 10 free seats', async () => {
    const orgId = await newOrg(60);
    // Set-up runs one at a time; only the accepts race.
    const people: { client: TestClient; email: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const email = `acc${i}@example.com`;
      people.push({ client: await signUpVerified(app, { name: `Acc ${i}`, email }), email });
    }
    for (const p of people)
      await owner.post(`/api/organizations/${orgId}/invitations`, { email: p.email });
    const tokens: string[] = [];
    for (const p of people) tokens.push(await tokenOf(p.email));
    await setOrganizationPlan({ organizationId: orgId, plan: 'team', seats: 11 });
    const results = await Promise.all(
      people.map((p, i) => p.client.post(`/api/invitations/${tokens[i]}/accept`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(
      results.filter((r) => r.status === 403 && r.body.error.code === 'SEAT_LIMIT_REACHED'),
    ).toHaveLength(40);
    expect(await db.select().from(member).where(eq(member.organizationId, orgId))).toHaveLength(11);
    // Fifty sign-ups hash fifty passwords first: a budget for a busy machine, not a speed check.
  }, 180_000);
});
