import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import { joinAs, ownerWithOrg, uniqueEmail, type OrgView } from './testing/organizations';
import { planOverviewSchema } from './routes/plan.schemas';

const BILLING = 'https://billing.example.test/checkout?source=kit';
const kit = createTestKit({ billing: { url: BILLING } });
const { app } = kit;
const roles = kit.runtime.roles;
// The catalog this kit runs with, whatever a fork puts in it.
const catalog = kit.runtime.plans!;

let org: OrgView;
let owner: TestClient;
let member: TestClient;
let outsider: TestClient;
let otherOwner: TestClient;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Plan Co'));
  const nonOwnerRole = roles.ids.find((id) => !roles.isOwner(id))!;
  member = (await joinAs(app, owner, org.id, nonOwnerRole, 'plan-member')).client;
  outsider = await signUpVerified(app, { name: 'Outsider', email: uniqueEmail('outsider') });
  ({ owner: otherOwner } = await ownerWithOrg(app, 'Other Plan Co', 'other-owner'));
});

const path = () => `/api/organizations/${org.id}/plan`;

describe('GET /api/organizations/:orgId/plan', () => {
  it('shows an owner the plan, the seats, the catalog and where to upgrade', async () => {
    const response = await owner.get(path());
    expect(response.status).toBe(200);
    const body = planOverviewSchema.parse(response.body);
    const defaultPlan = catalog.plans[catalog.defaultPlan]!;
    expect(body.plan).toEqual({
      id: catalog.defaultPlan,
      name: defaultPlan.name,
      seats: defaultPlan.seats,
    });
    expect(body.seats).toMatchObject({ plan: catalog.defaultPlan, members: 2, pending: 0 });
    expect(body.plans).toEqual(
      Object.entries(catalog.plans).map(([id, p]) => ({ id, name: p.name, seats: p.seats })),
    );
    expect(body.billing.canManage).toBe(true);
    const upgrade = new URL(body.billing.upgradeUrl!);
    expect(`${upgrade.origin}${upgrade.pathname}`).toBe('https://billing.example.test/checkout');
    expect(Object.fromEntries(upgrade.searchParams)).toEqual({
      source: 'kit',
      organization: org.id,
      plan: catalog.defaultPlan,
    });
  });

  it('shows other members the plan and seats but no upgrade link', async () => {
    const response = await member.get(path());
    expect(response.status).toBe(200);
    const body = planOverviewSchema.parse(response.body);
    expect(body.plan.id).toBe(catalog.defaultPlan);
    expect(body.billing).toEqual({ canManage: false, upgradeUrl: null });
  });

  it('answers 401 signed out and 404 to people outside the organization', async () => {
    const anonymous = await testClient(app).get(path());
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    for (const client of [outsider, otherOwner]) {
      const response = await client.get(path());
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
      expect(JSON.stringify(response.body)).not.toContain('Plan Co');
    }
  });

  it('without a billing URL, tells owners they can manage billing but gives no link', async () => {
    const unconfigured = createTestKit({ install: false });
    const { owner: bare, org: bareOrg } = await ownerWithOrg(unconfigured.app, 'Bare Co');
    const response = await bare.get(`/api/organizations/${bareOrg.id}/plan`);
    expect(response.status).toBe(200);
    expect(response.body.billing).toEqual({ canManage: true, upgradeUrl: null });
  });
});
