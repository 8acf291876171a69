import { randomBytes } from 'node:crypto';
import { db, invitation, webhookDelivery, webhookEndpoint } from '@kit/database';
import { drainOutbox, listMailbox } from '@kit/email';
import {
  drainWebhooks,
  postWebhook,
  signedHeaders,
  webhookSettingsFromEnv,
  WEBHOOK_EVENT_TYPES,
} from '@kit/webhooks';
import { and, eq, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified, testClient, type TestClient } from './testing/client';
import { createTestKit } from './testing/kit';
import {
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type OrgView,
} from './testing/organizations';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

// Two kits over one database and one app secret: the receiver runs on loopback, which only a
// kit allowing private URLs (local testing) may call; the other is configured as in production.
const secret = randomBytes(32).toString('base64url');
const kit = createTestKit({
  auth: { secret },
  webhooks: { allowPrivateUrls: true, timeoutMs: 2000 },
});
const strict = createTestKit({
  auth: { secret },
  install: false,
  webhooks: { allowPrivateUrls: false },
});
const { app } = kit;
const deliver = () => drainWebhooks({ settings: kit.webhooks });

const roles = kit.runtime.roles;
const managerRole = roles.holders({ webhook: ['manage'] }).find((r) => !roles.isOwner(r));
const plainRole = roles.ids.find(
  (r) => !roles.can(r, { webhook: ['manage'] }) && roles.mayAssign(roles.owner, r),
);

let receiver: WebhookReceiver;
let owner: TestClient;
let ownerEmail: string;
let org: OrgView;

const hooks = (orgId = org.id) => `/api/organizations/${orgId}/webhooks`;

async function register(events: readonly string[] = WEBHOOK_EVENT_TYPES, url = receiver.url) {
  const created = await owner.post(hooks(), { url, events });
  expect(created.status).toBe(201);
  receiver.useSecret(created.body.secret);
  return created.body as { webhook: { id: string }; secret: string };
}

/** Makes every pending delivery due now (the retry schedule's delays, fast-forwarded). */
const dueNow = () =>
  db
    .update(webhookDelivery)
    .set({ nextAttemptAt: sql`now()` })
    .where(eq(webhookDelivery.status, 'pending'));

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  ({ owner, org, email: ownerEmail } = await ownerWithOrg(app, 'Hooked Inc'));
  await unlimitedSeats(org.id);
});

afterEach(async () => {
  await db.delete(webhookEndpoint);
  receiver.respondWith(200);
  receiver.redirectTo('');
});

afterAll(async () => {
  await receiver.stop();
});

describe('webhook endpoints', () => {
  it('creates an endpoint with a whsec_ secret shown once and stored sealed', async () => {
    const created = await owner.post(hooks(), {
      url: receiver.url,
      events: ['member.added'],
    });
    expect(created.status).toBe(201);
    expect(created.body.webhook).toMatchObject({
      url: receiver.url,
      events: ['member.added'],
      status: 'enabled',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await db
      .select()
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.id, created.body.webhook.id));
    expect(row!.secret).not.toContain(created.body.secret.slice(6));
    const listed = await owner.get(hooks());
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret.slice(6));
    expect(listed.body.webhooks.map((w: { id: string }) => w.id)).toContain(
      created.body.webhook.id,
    );
    const removed = await owner.delete(`${hooks()}/${created.body.webhook.id}`);
    expect(removed.status).toBe(204);
    expect((await owner.get(hooks())).body.webhooks).toHaveLength(0);
  });

  it('refuses bad input with a stable code and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ url: 'ftp://hooks.example.com/x', events: ['member.added'] }, 'INVALID_WEBHOOK_URL'],
      [{ url: 'not a url', events: ['member.added'] }, 'INVALID_WEBHOOK_URL'],
      [{ url: 'https://user:pw@93.184.215.14/', events: ['member.added'] }, 'INVALID_WEBHOOK_URL'],
      [{ url: receiver.url, events: ['member.exploded'] }, 'UNKNOWN_WEBHOOK_EVENT'],
      [{ url: receiver.url, events: [] }, 'VALIDATION_ERROR'],
      [{ url: receiver.url }, 'VALIDATION_ERROR'],
      [{ url: receiver.url, events: ['member.added'], extra: 1 }, 'VALIDATION_ERROR'],
    ];
    for (const [body, code] of cases) {
      const res = await owner.post(hooks(), body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
    }
    // In production mode (no private URLs): plain http is refused.
    const http = await testClient(strict.app);
    const signedIn = await signInAs(http, ownerEmail);
    const plain = await signedIn.post(hooks(), {
      url: 'http://93.184.215.14/hook',
      events: ['member.added'],
    });
    expect(plain.status).toBe(400);
    expect(plain.body.error.code).toBe('INVALID_WEBHOOK_URL');
    expect(await db.select().from(webhookEndpoint)).toHaveLength(0);
  });

  it('lets owners and managers in, refuses members (403) and outsiders (404)', async () => {
    expect(managerRole && plainRole).toBeTruthy();
    const manager = await joinAs(app, owner, org.id, managerRole!, 'manager');
    const plain = await joinAs(app, owner, org.id, plainRole!, 'plain');
    const outsider = await signUpVerified(app, { name: 'Out Sider', email: uniqueEmail('out') });
    const body = { url: receiver.url, events: ['member.added'] };

    const anonymous = await testClient(app).post(hooks(), body);
    expect(anonymous.status).toBe(401);
    for (const [client, status, code] of [
      [outsider, 404, 'ORGANIZATION_NOT_FOUND'],
      [plain.client, 403, 'INSUFFICIENT_PERMISSIONS'],
    ] as const) {
      expect((await client.post(hooks(), body)).body.error.code).toBe(code);
      expect((await client.post(hooks(), body)).status).toBe(status);
      expect((await client.get(hooks())).status).toBe(status);
    }
    expect(await db.select().from(webhookEndpoint)).toHaveLength(0);

    const created = await manager.client.post(hooks(), body);
    expect(created.status).toBe(201);
    const id = created.body.webhook.id;
    for (const [client, status] of [
      [outsider, 404],
      [plain.client, 403],
    ] as const) {
      expect((await client.patch(`${hooks()}/${id}`, { status: 'disabled' })).status).toBe(status);
      expect((await client.get(`${hooks()}/${id}/deliveries`)).status).toBe(status);
      expect((await client.delete(`${hooks()}/${id}`)).status).toBe(status);
    }
    // Another organization's endpoint is not found from this one.
    const other = await ownerWithOrg(app, 'Other Co', 'other-owner');
    expect((await other.owner.get(`${hooks(other.org.id)}/${id}/deliveries`)).status).toBe(404);
    expect((await other.owner.delete(`${hooks(other.org.id)}/${id}`)).body.error.code).toBe(
      'WEBHOOK_NOT_FOUND',
    );
    expect((await manager.client.delete(`${hooks()}/${id}`)).status).toBe(204);
  }, 90_000);
});

async function signInAs(client: TestClient, email: string) {
  const res = await client.post('/api/auth/sign-in/email', {
    email,
    password: 'correct-horse-battery',
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return client;
}

describe('events for real actions', () => {
  it('sends signed events: invite, accept (+ member added), role change, removal, bulk', async () => {
    const { webhook } = await register();
    const before = receiver.received.length;

    const joined = await joinAs(app, owner, org.id, plainRole!, 'joiner');
    await deliver();
    const afterJoin = receiver.received.slice(before).map((r) => r.event);
    expect(afterJoin.map((e) => e.type)).toEqual([
      'invitation.created',
      'invitation.accepted',
      'member.added',
    ]);
    const [created, accepted, added] = afterJoin;
    expect(created!.data.invitation).toMatchObject({ email: joined.email, role: plainRole });
    expect(accepted!.data.invitation.id).toBe(created!.data.invitation.id);
    expect(added!.data.member).toMatchObject({
      id: joined.memberId,
      userId: joined.userId,
      email: joined.email,
      role: plainRole,
    });
    for (const event of afterJoin) {
      expect(event.organizationId).toBe(org.id);
      expect(event.id).toMatch(/^evt_/);
      expect(new Date(event.createdAt).toISOString()).toBe(event.createdAt);
    }

    const promoted = await owner.patch(`/api/organizations/${org.id}/members/${joined.memberId}`, {
      role: managerRole,
    });
    expect(promoted.status).toBe(200);
    const removed = await owner.delete(`/api/organizations/${org.id}/members/${joined.memberId}`);
    expect(removed.status).toBe(204);
    const bulk = await owner.post(`/api/organizations/${org.id}/invitations/bulk`, {
      invitations: [{ email: uniqueEmail('bulk-a') }, { email: uniqueEmail('bulk-b') }],
    });
    expect(bulk.status).toBe(200);
    await deliver();
    const later = receiver.received.slice(before + 3).map((r) => r.event);
    expect(later.map((e) => e.type)).toEqual([
      'member.role_changed',
      'member.removed',
      'invitation.created',
      'invitation.created',
    ]);
    expect(later[0]!.data).toMatchObject({
      member: { id: joined.memberId, role: managerRole },
      previousRole: plainRole,
    });
    expect(later[1]!.data).toMatchObject({ member: { id: joined.memberId }, reason: 'removed' });
    expect(receiver.rejected).toEqual([]);

    // The delivery log shows each, delivered at the first attempt with the receiver's answer.
    const log = await owner.get(`${hooks()}/${webhook.id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toHaveLength(7);
    expect(log.body.deliveries[0]).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'ok',
    });
    await owner.delete(`${hooks()}/${webhook.id}`);
  });

  it('announces an expired invitation once', async () => {
    const { webhook } = await register(['invitation.expired']);
    const email = uniqueEmail('late');
    const invited = await owner.post(`/api/organizations/${org.id}/invitations`, { email });
    expect(invited.status).toBe(201);
    await db
      .update(invitation)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(invitation.id, invited.body.invitation.id));
    const before = receiver.received.length;
    await deliver();
    await deliver();
    const events = receiver.received.slice(before).map((r) => r.event);
    expect(events.map((e) => e.type)).toEqual(['invitation.expired']);
    expect(events[0]!.data.invitation).toMatchObject({
      id: invited.body.invitation.id,
      email,
      status: 'pending',
    });
    await owner.delete(`${hooks()}/${webhook.id}`);
  });
});

describe('delivery', () => {
  it('retries through an outage and delivers with the same webhook-id', async () => {
    const { webhook } = await register(['invitation.created']);
    const before = receiver.received.length;
    receiver.respondWith(500);
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail('outage') });
    await deliver();
    const [failing] = (await owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(failing).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      responseBody: 'receiver is failing',
      lastError: 'HTTP 500',
    });
    // The first retry is due about 5 s later, not at once.
    const wait =
      new Date(failing.nextAttemptAt).getTime() - new Date(failing.lastAttemptAt).getTime();
    expect(wait).toBeGreaterThanOrEqual(4000);

    await receiver.stop();
    await dueNow();
    await deliver();
    const [down] = (await owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(down).toMatchObject({ status: 'pending', attempts: 2, responseStatus: null });
    expect(down.lastError).toMatch(/ECONNREFUSED/);

    await receiver.start();
    receiver.respondWith(200);
    await dueNow();
    await deliver();
    const [delivered] = (await owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(delivered).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 200 });

    const seen = receiver.received.slice(before);
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers['webhook-id']).toBe(delivered.eventId);
    expect(seen[1]!.headers['webhook-id']).toBe(delivered.eventId);
    expect(seen[1]!.body).toBe(seen[0]!.body);
    expect(receiver.rejected).toEqual([]);
    await owner.delete(`${hooks()}/${webhook.id}`);
  });

  it('lets a receiver drop a replay: "Retry now" resends the same id, a stale timestamp fails verify', async () => {
    const { webhook, secret: signing } = await register(['invitation.created']);
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail('replay') });
    await deliver();
    const [delivery] = (await owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(delivery.status).toBe('delivered');
    const processedBefore = receiver.processed().length;

    const retried = await owner.post(`${hooks()}/${webhook.id}/deliveries/${delivery.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.delivery).toMatchObject({ id: delivery.id, status: 'pending' });
    await deliver();
    const last = receiver.received.at(-1)!;
    expect(last.event.id).toBe(delivery.eventId);
    expect(last.duplicate).toBe(true);
    expect(receiver.processed()).toHaveLength(processedBefore);

    // A captured request replayed ten minutes later: verify refuses its timestamp.
    const stale = signedHeaders(signing, last.event.id, last.body, new Date(Date.now() - 600_000));
    expect(() => new Webhook(signing).verify(last.body, stale)).toThrow(/timestamp/i);
    // And a body altered in transit does not verify.
    const fresh = signedHeaders(signing, last.event.id, last.body);
    expect(() => new Webhook(signing).verify(last.body.replace('"', ' "'), fresh)).toThrow();

    const unknown = await owner.post(`${hooks()}/${webhook.id}/deliveries/nope/retry`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    await owner.delete(`${hooks()}/${webhook.id}`);
  });

  it('pages the delivery log', async () => {
    const { webhook } = await register(['invitation.created']);
    for (const label of ['p1', 'p2', 'p3'])
      await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail(label) });
    const first = await owner.get(`${hooks()}/${webhook.id}/deliveries?limit=2`);
    expect(first.body.deliveries).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await owner.get(
      `${hooks()}/${webhook.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.deliveries, ...second.body.deliveries].map(
      (d: { id: string }) => d.id,
    );
    expect(new Set(ids).size).toBe(3);
    expect((await owner.get(`${hooks()}/${webhook.id}/deliveries?limit=0`)).status).toBe(400);
    await deliver();
    await owner.delete(`${hooks()}/${webhook.id}`);
  });

  it('disables an endpoint failing for the configured days and emails the owners', async () => {
    const { webhook } = await register(['invitation.created']);
    receiver.respondWith(503);
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail('d1') });
    await deliver();
    // Failing for a day: still enabled.
    let [endpoint] = await db
      .select()
      .from(webhookEndpoint)
      .where(eq(webhookEndpoint.id, webhook.id));
    expect(endpoint!.status).toBe('enabled');
    expect(endpoint!.failingSince).not.toBeNull();

    // Failing since longer than the setting (5 days by default): the next failure disables it.
    const days = kit.webhooks.disableAfterDays;
    await db
      .update(webhookEndpoint)
      .set({ failingSince: sql`now() - ${days + 1}::integer * interval '1 day'` })
      .where(eq(webhookEndpoint.id, webhook.id));
    await dueNow();
    const report = await deliver();
    expect(report.disabled).toBe(1);
    [endpoint] = await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, webhook.id));
    expect(endpoint!.status).toBe('disabled');
    const listed = (await owner.get(hooks())).body.webhooks[0];
    expect(listed).toMatchObject({
      status: 'disabled',
      disabledReason: expect.stringMatching(/failed/),
    });

    await drainOutbox();
    const [mail] = await listMailbox({ to: ownerEmail });
    expect(mail!.subject).toMatch(/webhook endpoint of Hooked Inc was disabled/);
    expect(mail!.text).toContain(receiver.url);

    // Disabled: new events are not queued for it, nothing more is sent.
    const before = receiver.received.length;
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail('d2') });
    const queued = await db
      .select()
      .from(webhookDelivery)
      .where(
        and(eq(webhookDelivery.endpointId, webhook.id), eq(webhookDelivery.status, 'pending')),
      );
    expect(queued).toHaveLength(1); // the one that was retrying, held while disabled
    await dueNow();
    await deliver();
    expect(receiver.received.length).toBe(before);

    // Enabled again (the receiver fixed): the held delivery goes out, the failure record is cleared.
    receiver.respondWith(200);
    const enabled = await owner.patch(`${hooks()}/${webhook.id}`, { status: 'enabled' });
    expect(enabled.body.webhook).toMatchObject({ status: 'enabled', disabledReason: null });
    await deliver();
    expect(receiver.received.length).toBe(before + 1);
    [endpoint] = await db.select().from(webhookEndpoint).where(eq(webhookEndpoint.id, webhook.id));
    expect(endpoint!.failingSince).toBeNull();
    await owner.delete(`${hooks()}/${webhook.id}`);
  });
});

describe('SSRF guard', () => {
  it('refuses private, loopback, link-local, CGNAT and ULA destinations in production mode', async () => {
    const client = await signInAs(testClient(strict.app), ownerEmail);
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://0.0.0.0/hook',
    ]) {
      const res = await client.post(hooks(), { url, events: ['member.added'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code, url).toBe('INVALID_WEBHOOK_URL');
    }
    expect(await db.select().from(webhookEndpoint)).toHaveLength(0);
    const ok = await client.post(hooks(), {
      url: 'https://93.184.215.14/hook',
      events: ['member.added'],
    });
    expect(ok.status).toBe(201);
    await client.delete(`${hooks()}/${ok.body.webhook.id}`);
  });

  it('checks the address actually connected to (a name that resolves to loopback at send time)', async () => {
    const hits = receiver.received.length + receiver.rejected.length;
    const rebinding = {
      ...strict.webhooks,
      lookup: ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
        options.all
          ? cb(null, [{ address: '127.0.0.1', family: 4 }])
          : cb(null, '127.0.0.1', 4)) as never,
    };
    const outcome = await postWebhook(
      `https://public.example.test:${receiver.port}/hook`,
      '{}',
      {},
      rebinding,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/private IP address/);
    expect(receiver.received.length + receiver.rejected.length).toBe(hits);
  });

  it('does not follow redirects', async () => {
    const { webhook } = await register(['invitation.created']);
    receiver.redirectTo(`http://127.0.0.1:${receiver.port}/elsewhere`);
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: uniqueEmail('redir') });
    await deliver();
    receiver.redirectTo('');
    const [delivery] = (await owner.get(`${hooks()}/${webhook.id}/deliveries`)).body.deliveries;
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: 302 });
    expect(delivery.lastError).toMatch(/redirects are not followed/);
    expect(receiver.rejected.filter((r) => r.path === '/elsewhere')).toEqual([]);
    await owner.delete(`${hooks()}/${webhook.id}`);
  });

  it('refuses WEBHOOK_ALLOW_PRIVATE_URLS in production unless forced', () => {
    expect(() =>
      webhookSettingsFromEnv(secret, {
        NODE_ENV: 'production',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      }),
    ).toThrow(/WEBHOOK_ALLOW_PRIVATE_URLS.*refused in production/);
    expect(
      webhookSettingsFromEnv(secret, {
        NODE_ENV: 'production',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_ALLOW_PRIVATE_URLS_IN_PRODUCTION: 'true',
      }).allowPrivateUrls,
    ).toBe(true);
    expect(webhookSettingsFromEnv(secret, { NODE_ENV: 'production' })).toMatchObject({
      allowPrivateUrls: false,
      timeoutMs: 10_000,
      disableAfterDays: 5,
    });
  });
});
