/**
 * The whole app on Resend (EMAIL_TRANSPORT=resend), with Resend played by a local fake of its
 * API: sign-up mail, invitations through an outage, failure and resend, the accepted notice.
 */
import { setOrganizationPlan } from '@kit/organization';
import { brand } from '@kit/brand';
import {
  DEFAULT_FROM,
  deliverDueEmails,
  drainOutbox,
  extractLinks,
  getTransport,
  type DeliveryPolicy,
} from '@kit/email';
import {
  startFakeResend,
  type FakeResend,
  type FakeResendEmail,
} from '@kit/email/testing/fake-resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { testClient, type TestClient } from './testing/client';

let fake: FakeResend;
let app: ReturnType<typeof createTestKit>['app'];
let owner: TestClient;
let orgId: string;
const savedEnv = { ...process.env };

/** Retries within milliseconds. */
const fast: DeliveryPolicy = { maxAttempts: 10, backoffMs: () => 20, leaseMs: 10_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the app's own worker would do, with the transport the app picked from the environment. */
async function deliverEverything(policy = fast, rounds = 300) {
  for (let i = 0; i < rounds; i++) {
    const report = await drainOutbox({ policy });
    const pending = (
      await owner.get(`/api/organizations/${orgId}/invitations?status=all`)
    ).body.invitations.filter(
      (inv: { delivery: { status: string } | null }) =>
        inv.delivery && ['queued', 'sending'].includes(inv.delivery.status),
    );
    if (
      pending.length === 0 &&
      report.sent + report.retried + report.failed + report.deferred === 0
    )
      return;
    await sleep(25);
  }
  throw new Error('the outbox did not empty');
}

/** The one email to `address` whose subject matches (a string: contains it). */
const onlyEmailTo = (address: string, subject: RegExp | string): FakeResendEmail => {
  const matches = (text: string) =>
    typeof subject === 'string' ? text.includes(subject) : subject.test(text);
  const matching = fake.deliveriesTo(address).filter((e) => matches(e.subject));
  expect(matching, `emails to ${address} matching ${subject}`).toHaveLength(1);
  return matching[0]!;
};

const linkIn = (email: FakeResendEmail, part: string) =>
  extractLinks(email.html ?? '').find((l) => l.includes(part))!;

interface InvitationView {
  id: string;
  email: string;
  status: string;
  delivery: Record<string, unknown> | null;
}

/** The organization's invitations (all statuses), newest first. */
async function invitations(): Promise<InvitationView[]> {
  const response = await owner.get(`/api/organizations/${orgId}/invitations?status=all`);
  expect(response.status).toBe(200);
  return response.body.invitations;
}

/** The newest invitation of each address. */
async function invitationsByEmail() {
  const byEmail = new Map<string, InvitationView>();
  for (const view of await invitations())
    if (!byEmail.has(view.email)) byEmail.set(view.email, view);
  return byEmail;
}

beforeAll(async () => {
  fake = await startFakeResend({ apiKey: 're_test' });
  // Before the app is loaded: the transport is chosen once, from the environment.
  Object.assign(process.env, {
    EMAIL_TRANSPORT: 'resend',
    RESEND_API_KEY: 're_test',
    RESEND_BASE_URL: fake.url,
    RESEND_TIMEOUT_MS: '300',
  });
  // The kit takes the transport EMAIL_TRANSPORT and RESEND_API_KEY choose, like the server.
  ({ app } = createTestKit({ email: { transport: getTransport() } }));

  owner = testClient(app);
  const signUp = await owner.post('/api/auth/sign-up/email', {
    name: 'Olivia Owner',
    email: 'olivia@acme.test',
    password: 'correct-horse-battery',
  });
  expect(signUp.status).toBe(200);
  await drainOutbox({ policy: fast });
  const verify = await owner.open(
    linkIn(onlyEmailTo('olivia@acme.test', /confirm your email/i), '/verify-email'),
  );
  expect(verify.status).toBe(302);
  const created = await owner.post('/api/organizations', { name: 'Acme Inc' });
  expect(created.status).toBe(201);
  orgId = created.body.id;
  await setOrganizationPlan({ organizationId: orgId, plan: 'enterprise' });
});

afterAll(async () => {
  process.env = savedEnv;
  await fake?.close();
});

describe('email through Resend', () => {
  it('the app picks Resend from the environment: confirmation, then one welcome after verifying', async () => {
    expect((await owner.get('/api/config')).body.emailTransport).toBe('resend');
    await drainOutbox({ policy: fast });
    const welcome = onlyEmailTo('olivia@acme.test', `Welcome to ${brand.name}`);
    expect(welcome.text).toContain(`Welcome to ${brand.name}, Olivia Owner`);
    expect(welcome.from).toBe(DEFAULT_FROM);
  });

  it('invitations created during an outage are each delivered once after it, and show their delivery status', async () => {
    fake.fail({ status: 503, message: 'Resend is down' });
    const singles = ['s1@example.com', 's2@example.com', 's3@example.com'];
    for (const email of singles)
      expect(
        (await owner.post(`/api/organizations/${orgId}/invitations`, { email, role: 'admin' }))
          .status,
      ).toBe(201);
    const bulk = Array.from({ length: 150 }, (_, i) => `bulk${i}@example.com`);
    const csv = ['email,role', ...bulk.map((e) => `${e},member`)].join('\n');
    const imported = await owner.request(
      'POST',
      `/api/organizations/${orgId}/invitations/bulk`,
      csv,
      { headers: { 'content-type': 'text/csv' } },
    );
    expect(imported.body.summary.invited).toBe(150);

    // One round: the first request fails, the rest of the round goes back without using an attempt.
    expect(await deliverDueEmails({ policy: fast })).toEqual({
      sent: 0,
      retried: 1,
      failed: 0,
      deferred: 152,
      canceled: 0,
    });
    let byEmail = await invitationsByEmail();
    const tried = [...byEmail.values()].filter((i) => i.delivery?.attempts === 1);
    expect(tried).toHaveLength(1);
    expect(tried[0]!.delivery).toMatchObject({
      status: 'queued',
      lastError: 'Resend 503: Resend is down',
      sentAt: null,
    });
    expect([...byEmail.values()].filter((i) => i.delivery?.status === 'queued')).toHaveLength(153);

    // Rate limited next; people keep being invited.
    fake.fail({ status: 429, retryAfterSeconds: 0.05 });
    const late = ['late1@example.com', 'late2@example.com'];
    for (const email of late)
      await owner.post(`/api/organizations/${orgId}/invitations`, { email });
    await drainOutbox({ policy: fast });
    expect(fake.emails.filter((e) => /invited you/.test(e.subject))).toHaveLength(0);

    fake.recover();
    fake.failNext(1, { hang: 'after-accepting' }); // one answer lost after Resend accepted the email
    await deliverEverything();

    for (const email of [...singles, ...bulk, ...late]) {
      const sent = onlyEmailTo(email, `Olivia Owner invited you to join Acme Inc on ${brand.name}`);
      expect(linkIn(sent, '/invite/')).toMatch(/^http:\/\/localhost:3000\/invite\/[\w-]{43}$/);
    }
    expect(onlyEmailTo('s1@example.com', /invited you/).text).toContain('as an admin');
    byEmail = await invitationsByEmail();
    for (const email of [...singles, ...bulk, ...late]) {
      expect(byEmail.get(email)?.delivery).toMatchObject({
        status: 'sent',
        lastError: null,
        sentAt: expect.any(String),
      });
    }
    // The bulk import went out as two batch requests (100 + 50), the rest one by one.
    const batches = fake.requests.filter(
      (r) => r.path === '/emails/batch' && r.status === 200 && !r.replayed,
    );
    expect(batches.map((r) => (r.body as unknown[]).length).sort()).toEqual([100, 50]);
  });

  it('after the last retry the invitation shows failed with the provider error; an admin resend goes out', async () => {
    fake.fail({ status: 500, message: 'The mail server is on fire' });
    const invited = await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'doomed@example.com',
    });
    expect(invited.status).toBe(201);
    await deliverEverything({ ...fast, maxAttempts: 3 });
    expect((await invitationsByEmail()).get('doomed@example.com')).toMatchObject({
      id: invited.body.invitation.id,
      delivery: {
        status: 'failed',
        attempts: 3,
        lastError: 'Resend 500: The mail server is on fire',
        sentAt: null,
      },
    });
    expect(fake.deliveriesTo('doomed@example.com')).toHaveLength(0);

    fake.recover();
    const resent = await owner.post(
      `/api/organizations/${orgId}/invitations/${invited.body.invitation.id}/resend`,
    );
    expect(resent.status).toBe(200);
    expect(resent.body.invitation.id).not.toBe(invited.body.invitation.id);
    await deliverEverything();
    onlyEmailTo('doomed@example.com', /invited you/);
    expect((await invitationsByEmail()).get('doomed@example.com')).toMatchObject({
      id: resent.body.invitation.id,
      delivery: { status: 'sent', attempts: 1, lastError: null },
    });
  });

  it('accepting an invitation tells the inviter who joined, with a link to the members', async () => {
    await owner.post(`/api/organizations/${orgId}/invitations`, {
      email: 'bea@example.com',
      role: 'member',
    });
    await deliverEverything();
    const token = new URL(
      linkIn(onlyEmailTo('bea@example.com', /invited you/), '/invite/'),
    ).pathname
      .split('/')
      .pop();
    const joined = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Bea Member',
      password: 'correct-horse-battery',
    });
    expect(joined.status).toBe(201);
    await drainOutbox({ policy: fast });
    const notice = onlyEmailTo('olivia@acme.test', /^Bea Member joined Acme Inc$/);
    expect(notice.text).toContain(
      'Bea Member (bea@example.com) accepted your invitation and joined Acme Inc as a member.',
    );
    expect(linkIn(notice, '/members')).toBe('http://localhost:3000/orgs/acme-inc/members');
    // Invited sign-ups are verified by the link: no confirmation email.
    expect(
      fake.deliveriesTo('bea@example.com').filter((e) => /confirm/i.test(e.subject)),
    ).toHaveLength(0);
  });
});
