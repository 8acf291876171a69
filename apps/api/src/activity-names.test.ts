import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { joinAs, ownerWithOrg, uniqueEmail } from './testing/organizations';

const kit = createTestKit();
const { app } = kit;
const roles = kit.runtime.roles;

type Item = { action: string; targetLabel: string | null; targetName?: string | null };

describe('the activity log names people', () => {
  it('gives the name of the person a member or invitation entry is about when they have an account', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Names Co');
    const joined = await joinAs(app, owner, org.id, roles.defaultRole, 'named');
    const stranger = uniqueEmail('stranger');
    const invited = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: stranger,
      role: roles.defaultRole,
    });
    expect(invited.status).toBe(201);

    const response = await owner.get(`/api/organizations/${org.id}/activity`);
    expect(response.status).toBe(200);
    const items = response.body.items as Item[];
    const about = (email: string) => items.filter((i) => i.targetLabel === email);

    // The member's invitation and acceptance: their account's name.
    expect(about(joined.email).length).toBeGreaterThan(0);
    for (const item of about(joined.email)) expect(item.targetName).toBe(joined.name);
    // Someone without an account yet: no name, the email stays the label.
    expect(about(stranger)).toEqual([
      expect.objectContaining({ action: 'invitation.created', targetName: null }),
    ]);
    // The organization's own entries are not about a person.
    const created = items.find((i) => i.action === 'organization.created');
    expect(created).toMatchObject({ targetLabel: 'Names Co', targetName: null });
  });
});
