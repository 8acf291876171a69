import { db, webhookDelivery } from '@kit/database';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, type TestClient } from '../testing/client';
import { createTestKit } from '../testing/kit';
import { joinAs, ownerWithOrg, uniqueEmail, type OrgView } from '../testing/organizations';
import { testRateLimits } from '../testing/rate-limits';

// Two retries a minute per organization; nothing is sent in this file (no worker runs), the
// deliveries only need to exist.
const kit = createTestKit({
  rateLimits: testRateLimits({ webhookRetriesPerOrganization: { max: 2, windowMs: 60_000 } }),
  webhooks: { allowPrivateUrls: true },
});
const { app } = kit;
const roles = kit.runtime.roles;
const plainRole = roles.ids.find(
  (r) => !roles.can(r, { webhook: ['manage'] }) && roles.mayAssign(roles.owner, r),
)!;

/** An organization with one endpoint and one delivery (an invitation.created event). */
async function orgWithDelivery(name: string) {
  const { owner, org } = await ownerWithOrg(app, name, 'hook-owner');
  const created = await owner.post(`/api/organizations/${org.id}/webhooks`, {
    url: 'http://127.0.0.1:9/hook',
    events: ['invitation.created'],
  });
  expect(created.status).toBe(201);
  const webhookId = created.body.webhook.id as string;
  const invited = await owner.post(`/api/organizations/${org.id}/invitations`, {
    email: uniqueEmail('hooked'),
  });
  expect(invited.status).toBe(201);
  const log = await owner.get(`/api/organizations/${org.id}/webhooks/${webhookId}/deliveries`);
  const deliveryId = log.body.deliveries[0].id as string;
  return {
    owner,
    org,
    retryUrl: `/api/organizations/${org.id}/webhooks/${webhookId}/deliveries/${deliveryId}/retry`,
    deliveryId,
  };
}

let first: { owner: TestClient; org: OrgView; retryUrl: string; deliveryId: string };

beforeAll(async () => {
  first = await orgWithDelivery('Retry Limits');
});

describe('"Retry now" rate limit', () => {
  it('counts retries per organization and answers 429 with Retry-After past the limit, changing nothing', async () => {
    // Callers who may not retry are refused by the route and use none of the allowance.
    const plain = await joinAs(app, first.owner, first.org.id, plainRole, 'retry-plain');
    const outsider = await signUpVerified(app, {
      name: 'Retry Outsider',
      email: uniqueEmail('retry-out'),
    });
    for (let i = 0; i < 3; i++) {
      const refused = await plain.client.post(first.retryUrl);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
      const hidden = await outsider.post(first.retryUrl);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
    }

    for (let i = 0; i < 2; i++) {
      const retried = await first.owner.post(first.retryUrl);
      expect(retried.status).toBe(200);
      expect(retried.body.delivery).toMatchObject({ id: first.deliveryId, status: 'pending' });
    }
    // Sent meanwhile: the third retry in the minute must not queue it again.
    await db
      .update(webhookDelivery)
      .set({ status: 'delivered' })
      .where(eq(webhookDelivery.id, first.deliveryId));

    const limited = await first.owner.post(first.retryUrl);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body).toEqual({
      error: expect.objectContaining({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/Too many deliveries retried/),
        details: { retryAfter },
      }),
    });
    const [row] = await db
      .select()
      .from(webhookDelivery)
      .where(eq(webhookDelivery.id, first.deliveryId));
    expect(row!.status).toBe('delivered');
  });

  it('leaves other organizations their own allowance', async () => {
    const other = await orgWithDelivery('Retry Elsewhere');
    expect((await first.owner.post(first.retryUrl)).status).toBe(429);
    const retried = await other.owner.post(other.retryUrl);
    expect(retried.status).toBe(200);
    expect(retried.body.delivery).toMatchObject({ id: other.deliveryId, status: 'pending' });
  });
});
