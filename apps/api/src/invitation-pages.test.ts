import { setOrganizationPlan } from '@kit/organization';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, type TestResponse } from './testing/client';

const { app } = createTestKit();

describe('GET /api/organizations/:orgId/invitations pages', () => {
  it('walks every invitation exactly once, newest first, even when they share a timestamp', async () => {
    const owner = await signUpVerified(app, { name: 'Pager', email: 'pager@example.com' });
    const orgId = (await owner.post('/api/organizations', { name: 'Pages Inc' })).body.id as string;
    await setOrganizationPlan({ organizationId: orgId, plan: 'enterprise' });
    // One bulk import stores its rows in one transaction: they all share created_at.
    const emails = Array.from({ length: 7 }, (_, i) => `p${i}@example.com`);
    await owner.post(`/api/organizations/${orgId}/invitations/bulk`, {
      invitations: emails.map((email) => ({ email, role: 'member' })),
    });
    await owner.post(`/api/organizations/${orgId}/invitations`, { email: 'latest@example.com' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page: TestResponse = await owner.get(
        `/api/organizations/${orgId}/invitations?${query}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.invitations.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.invitations.map((i: { email: string }) => i.email));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen[0]).toBe('latest@example.com');
    expect(new Set(seen).size).toBe(8);
    expect([...seen].sort()).toEqual([...emails, 'latest@example.com'].sort());

    const bad = await owner.get(`/api/organizations/${orgId}/invitations?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: 'VALIDATION_ERROR', message: 'Invalid cursor.' });
    const tooBig = await owner.get(`/api/organizations/${orgId}/invitations?limit=501`);
    expect(tooBig.status).toBe(400);
  });
});
