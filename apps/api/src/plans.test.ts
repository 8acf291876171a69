import { setOrganizationPlan } from '@kit/organization';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { ownerWithOrg, uniqueEmail } from './testing/organizations';

/** A kit with a plan catalog of its own: two plans, neither of them the kit's default ones. */
const { app } = createTestKit({
  plans: {
    plans: { solo: { name: 'Solo', seats: 1 }, crew: { name: 'Crew', seats: 3 } },
    defaultPlan: 'solo',
  },
});

describe('the plan catalog given to the kit', () => {
  it('decides seats: the default plan, then a plan set by the operator', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Solo Shop');
    const seats = await owner.get(`/api/organizations/${org.id}/seats`);
    expect(seats.body).toMatchObject({ plan: 'solo', limit: 1, members: 1, available: 0 });

    const refused = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: uniqueEmail('first-hire'),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('SEAT_LIMIT_REACHED');

    await setOrganizationPlan({ organizationId: org.id, plan: 'crew' });
    const invited = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: uniqueEmail('first-hire'),
    });
    expect(invited.status).toBe(201);
    expect((await owner.get(`/api/organizations/${org.id}/seats`)).body).toMatchObject({
      plan: 'crew',
      limit: 3,
      pending: 1,
    });
  });

  it('refuses a plan the catalog does not hold, naming the ones it does', async () => {
    const { org } = await ownerWithOrg(app, 'Crew Co');
    await expect(setOrganizationPlan({ organizationId: org.id, plan: 'team' })).rejects.toThrow(
      'Unknown plan "team". Plans: solo, crew.',
    );
  });
});
