import { db, emailOutbox } from '@kit/database';
import { drainOutbox, listMailbox } from '@kit/email';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { ownerWithOrg, uniqueEmail } from './testing/organizations';

const { app } = createTestKit();

describe('deleting an organization', () => {
  it('cancels its invitation emails that have not gone out, single and bulk', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Short Lived');
    const { owner: otherOwner, org: other } = await ownerWithOrg(app, 'Long Lived', 'other');
    await drainOutbox();
    const single = uniqueEmail('single');
    const bulk = [uniqueEmail('bulk'), uniqueEmail('bulk')];
    const elsewhere = uniqueEmail('elsewhere');
    expect(
      (
        await owner.post(`/api/organizations/${org.id}/invitations`, {
          email: single,
          role: 'member',
        })
      ).status,
    ).toBe(201);
    const imported = await owner.post(`/api/organizations/${org.id}/invitations/bulk`, {
      invitations: bulk.map((email) => ({ email, role: 'member' })),
    });
    expect(imported.body.summary).toMatchObject({ invited: 2 });
    expect(
      (
        await otherOwner.post(`/api/organizations/${other.id}/invitations`, {
          email: elsewhere,
          role: 'member',
        })
      ).status,
    ).toBe(201);

    expect((await owner.delete(`/api/organizations/${org.id}`)).status).toBe(204);

    const rows = await db
      .select()
      .from(emailOutbox)
      .where(inArray(emailOutbox.to, [single, ...bulk]));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'canceled', body: null, organizationId: org.id });
    }
    await drainOutbox();
    for (const email of [single, ...bulk]) expect(await listMailbox({ to: email })).toEqual([]);
    // Another organization's mail goes out as usual.
    expect(await listMailbox({ to: elsewhere })).toHaveLength(1);
  });
});
