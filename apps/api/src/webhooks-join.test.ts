import { randomBytes } from 'node:crypto';
import { db, webhookEndpoint } from '@kit/database';
import { drainWebhooks } from '@kit/webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKey, keyClient } from './testing/api-keys';
import { latestEmail, signUpVerified, type TestClient } from './testing/client';
import { createTestKit } from './testing/kit';
import {
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type OrgView,
} from './testing/organizations';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';

// Webhook events for the join flows: invite links, join requests and verified-domain joins. The
// receiver runs on loopback, which only a kit allowing private URLs (local testing) may call.
const kit = createTestKit({
  auth: { secret: randomBytes(32).toString('base64url') },
  webhooks: { allowPrivateUrls: true, timeoutMs: 2000 },
});
const { app } = kit;
const deliver = () => drainWebhooks({ settings: kit.webhooks });
const roles = kit.runtime.roles;
const plainRole = roles.ids.find(
  (r) => !roles.can(r, { member: ['create'] }) && roles.mayAssign(roles.owner, r),
)!;

let receiver: WebhookReceiver;
let owner: TestClient;
let ownerEmail: string;
let org: OrgView;

const hooks = () => `/api/organizations/${org.id}/webhooks`;
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

async function subscribe(events: string[]) {
  const created = await owner.post(hooks(), { url: receiver.url, events });
  expect(created.status).toBe(201);
  receiver.useSecret(created.body.secret);
  return created.body.webhook as { id: string };
}

/**
 * Sends what is due and returns the events the receiver verified since `from`, in the order they
 * happened: deliveries run concurrently, so they may arrive in any order (createdAt tells).
 */
async function eventsSince(from: number) {
  await deliver();
  expect(receiver.rejected).toEqual([]);
  return receiver.received
    .slice(from)
    .map((r) => r.event)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function newLink(requiresApproval: boolean) {
  const link = await owner.post(`/api/organizations/${org.id}/invite-links`, {
    role: plainRole,
    requiresApproval,
  });
  expect(link.status).toBe(201);
  return { id: link.body.link.id as string, token: tokenOf(link.body.url) };
}

async function person(label: string, domain?: string) {
  const email = domain ? `${uniqueEmail(label).split('@')[0]}@${domain}` : uniqueEmail(label);
  return { email, client: await signUpVerified(app, { name: `Person ${label}`, email }) };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  ({ owner, org, email: ownerEmail } = await ownerWithOrg(app, 'Open Doors'));
  await unlimitedSeats(org.id);
});

afterEach(async () => {
  await db.delete(webhookEndpoint);
});

afterAll(async () => {
  await receiver.stop();
});

describe('joining through an invite link', () => {
  it('sends one signed member.added with source invite-link', async () => {
    const webhook = await subscribe(['member.added']);
    const link = await newLink(false);
    const before = receiver.received.length;
    const joiner = await person('linker');
    const joined = await joiner.client.post(`/api/join/${link.token}`);
    expect(joined.status).toBe(200);

    const events = await eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['member.added']);
    const [added] = events;
    expect(added!.organizationId).toBe(org.id);
    expect(added!.data).toMatchObject({
      source: 'invite-link',
      inviteLinkId: link.id,
      invitationId: null,
      actor: { email: joiner.email },
      member: { id: joined.body.member.id, email: joiner.email, role: plainRole },
    });
    expect(added!.data.member.userId).toEqual(expect.any(String));
    const header = receiver.received.at(-1)!.headers;
    expect(header['webhook-id']).toBe(added!.id);
    expect(header['webhook-signature']).toMatch(/^v1,/);

    const log = await owner.get(`${hooks()}/${webhook.id}/deliveries`);
    expect(log.body.deliveries).toEqual([
      expect.objectContaining({ eventType: 'member.added', status: 'delivered', attempts: 1 }),
    ]);
  });
});

describe('join requests', () => {
  it('sends join_request.created, then on approval join_request.approved and one member.added with source join-request', async () => {
    await subscribe(['member.added', 'join_request.created', 'join_request.approved']);
    const link = await newLink(true);
    const before = receiver.received.length;
    const asker = await person('asker');
    const asked = await asker.client.post(`/api/join/${link.token}`, {
      message: 'I run the design team.',
    });
    expect(asked.status).toBe(202);
    const requestId = asked.body.request.id as string;

    const created = await eventsSince(before);
    expect(created.map((e) => e.type)).toEqual(['join_request.created']);
    expect(created[0]!.data.joinRequest).toMatchObject({
      id: requestId,
      status: 'pending',
      source: 'invite-link',
      email: asker.email,
      name: 'Person asker',
      role: plainRole,
      message: 'I run the design team.',
      inviteLinkId: link.id,
      domainId: null,
    });

    const afterCreate = receiver.received.length;
    const approved = await owner.post(
      `/api/organizations/${org.id}/join-requests/${requestId}/approve`,
    );
    expect(approved.status).toBe(200);
    const memberId = approved.body.member.id as string;
    const events = await eventsSince(afterCreate);
    expect(events.map((e) => e.type).sort()).toEqual(['join_request.approved', 'member.added']);
    const added = events.filter((e) => e.type === 'member.added');
    expect(added).toHaveLength(1);
    expect(added[0]!.data).toMatchObject({
      source: 'join-request',
      joinRequestId: requestId,
      inviteLinkId: link.id,
      actor: { email: ownerEmail },
      member: { id: memberId, email: asker.email, role: plainRole },
    });
    expect(events.find((e) => e.type === 'join_request.approved')!.data).toMatchObject({
      joinRequest: { id: requestId, status: 'approved', email: asker.email },
      memberId,
      role: plainRole,
    });
  });

  it('sends join_request.rejected with the reason, and join_request.withdrawn; nobody is added', async () => {
    await subscribe(['member.added', 'join_request.rejected', 'join_request.withdrawn']);
    const link = await newLink(true);
    const rejectedAsker = await person('rejected');
    const withdrawingAsker = await person('withdrawer');
    const first = await rejectedAsker.client.post(`/api/join/${link.token}`);
    const second = await withdrawingAsker.client.post(`/api/join/${link.token}`);
    expect([first.status, second.status]).toEqual([202, 202]);
    const before = receiver.received.length;

    const rejected = await owner.post(
      `/api/organizations/${org.id}/join-requests/${first.body.request.id}/reject`,
      { reason: 'Contractors use the partner workspace.' },
    );
    expect(rejected.status).toBe(200);
    const withdrawn = await withdrawingAsker.client.post(
      `/api/join-requests/${second.body.request.id}/withdraw`,
    );
    expect(withdrawn.status).toBe(200);

    const events = await eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['join_request.rejected', 'join_request.withdrawn']);
    expect(events[0]!.data).toMatchObject({
      joinRequest: { id: first.body.request.id, status: 'rejected', email: rejectedAsker.email },
      reason: 'Contractors use the partner workspace.',
    });
    expect(events[1]!.data).toMatchObject({
      actor: { email: withdrawingAsker.email },
      joinRequest: { id: second.body.request.id, status: 'withdrawn' },
    });
  });
});

describe('verified domains', () => {
  it('sends domain.verified, member.added with source domain for an automatic join, and domain.removed', async () => {
    await subscribe(['member.added', 'domain.verified', 'domain.removed']);
    const name = `${randomBytes(4).toString('hex')}.hooks.test`;
    const before = receiver.received.length;
    const added = await owner.post(`/api/organizations/${org.id}/domains`, {
      domain: name,
      email: `it@${name}`,
    });
    expect(added.status).toBe(201);
    const domainId = added.body.domain.id as string;
    const mail = await latestEmail(`it@${name}`, /is your code to verify/);
    const code = /\b(\d{6})\b/.exec(mail.subject)![1]!;
    const verified = await owner.post(`/api/organizations/${org.id}/domains/${domainId}/verify`, {
      code,
    });
    expect(verified.status).toBe(200);
    const mode = await owner.patch(`/api/organizations/${org.id}/domains/${domainId}`, {
      enrollmentMode: 'automatic_invitation',
    });
    expect(mode.status).toBe(200);

    const colleague = await person('colleague', name);
    const joined = await colleague.client.post(`/api/me/suggestions/${domainId}/join`);
    expect(joined.status).toBe(200);
    expect((await owner.delete(`/api/organizations/${org.id}/domains/${domainId}`)).status).toBe(
      204,
    );

    const events = await eventsSince(before);
    expect(events.map((e) => e.type)).toEqual([
      'domain.verified',
      'member.added',
      'domain.removed',
    ]);
    expect(events[0]!.data.domain).toMatchObject({
      id: domainId,
      domain: name,
      verifiedAt: expect.any(String),
    });
    expect(events[1]!.data).toMatchObject({
      source: 'domain',
      domainId,
      domain: name,
      member: { id: joined.body.member.id, email: colleague.email, role: roles.defaultRole },
    });
    expect(events[2]!.data.domain).toMatchObject({ id: domainId, domain: name });
  });
});

describe('invitations', () => {
  it('says an accepted invitation added the member (source invitation)', async () => {
    await subscribe(['member.added']);
    const before = receiver.received.length;
    const joined = await joinAs(app, owner, org.id, plainRole, 'invitee');
    const events = await eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['member.added']);
    expect(events[0]!.data).toMatchObject({
      source: 'invitation',
      invitationId: expect.any(String),
      member: { id: joined.memberId, userId: joined.userId, email: joined.email },
    });
  });
});

describe('a change made with an API key', () => {
  it("names the key in data.apiKey, and the key's creator as the actor", async () => {
    await subscribe(['invitation.created']);
    const key = await createKey(owner, org.id, { name: 'HR sync', scopes: ['invitations:write'] });
    const before = receiver.received.length;
    const email = uniqueEmail('scripted');
    const invited = await keyClient(app, key.secret).post(
      `/api/organizations/${org.id}/invitations`,
      { email, role: plainRole },
    );
    expect(invited.status).toBe(201);

    const events = await eventsSince(before);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'invitation.created',
        data: expect.objectContaining({
          actor: expect.objectContaining({ email: ownerEmail }),
          apiKey: { id: key.id, name: 'HR sync' },
          invitation: expect.objectContaining({ email }),
        }),
      }),
    ]);

    // A change made in a session names no key.
    const later = receiver.received.length;
    expect(
      (
        await owner.post(`/api/organizations/${org.id}/invitations`, {
          email: uniqueEmail('by-hand'),
          role: plainRole,
        })
      ).status,
    ).toBe(201);
    const [byHand] = await eventsSince(later);
    expect(byHand!.data.apiKey).toBeNull();
  });
});
