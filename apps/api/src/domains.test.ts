import { db, member, organizationActivity, organizationDomain } from '@kit/database';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, testClient, type TestClient } from './testing/client';
import {
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  type OrgView,
} from './testing/organizations';
import { testRateLimits } from './testing/rate-limits';

const kit = createTestKit();
const { app } = kit;
const roles = kit.runtime.roles;
const manager = roles.holders({ organization: ['update'] }).find((r) => !roles.isOwner(r))!;

let owner: TestClient;
let org: OrgView;
const domains = (orgId = org.id) => `/api/organizations/${orgId}/domains`;

beforeAll(async () => {
  ({ owner, org } = await ownerWithOrg(app, 'Domain Corp'));
});

/** The 6-digit code in the newest email to `to`. */
async function codeSentTo(to: string): Promise<string> {
  const mail = await latestEmail(to, /is your code to verify/);
  return /\b(\d{6})\b/.exec(mail.subject)![1]!;
}

async function verifiedDomain(name: string, client = owner, orgId = org.id) {
  const email = `it@${name}`;
  const added = await client.post(domains(orgId), { domain: name, email });
  expect(added.status).toBe(201);
  const verified = await client.post(`${domains(orgId)}/${added.body.domain.id}/verify`, {
    code: await codeSentTo(email),
  });
  expect(verified.status).toBe(200);
  return verified.body.domain as { id: string; domain: string };
}

async function personAt(domain: string, label: string) {
  const email = `${uniqueEmail(label).split('@')[0]}@${domain}`;
  return { email, client: await signUpVerified(app, { name: `Person ${label}`, email }) };
}

describe('adding and verifying a domain', () => {
  it('emails a 6-digit code to the address at the domain, stores only its hash, and verifies with it', async () => {
    const added = await owner.post(domains(), {
      domain: '@Acme-Verify.test',
      email: 'IT@acme-verify.test',
    });
    expect(added.status).toBe(201);
    expect(added.body.domain).toMatchObject({
      domain: 'acme-verify.test',
      status: 'pending',
      verificationEmail: 'it@acme-verify.test',
      attemptsLeft: 5,
      enrollmentMode: 'manual',
    });
    const minutes = (Date.parse(added.body.domain.codeExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const code = await codeSentTo('it@acme-verify.test');
    const [row] = await db
      .select()
      .from(organizationDomain)
      .where(eq(organizationDomain.id, added.body.domain.id));
    expect(JSON.stringify(row)).not.toContain(code);

    const verified = await owner.post(`${domains()}/${added.body.domain.id}/verify`, { code });
    expect(verified.status).toBe(200);
    expect(verified.body.domain).toMatchObject({
      status: 'verified',
      verifiedAt: expect.any(String),
    });
    const actions = (
      await db
        .select()
        .from(organizationActivity)
        .where(eq(organizationActivity.targetId, added.body.domain.id))
    ).map((a) => a.action);
    expect(actions.sort()).toEqual(['domain.added', 'domain.verified']);
    const list = await owner.get(domains());
    expect(list.body.domains.map((d: { domain: string }) => d.domain)).toContain(
      'acme-verify.test',
    );
  });

  it('refuses common mail providers, disposable domains and an address elsewhere, changing nothing', async () => {
    const before = await organizationSnapshot();
    for (const [domain, email, code] of [
      ['gmail.com', 'me@gmail.com', 'DOMAIN_NOT_ALLOWED'],
      ['mailinator.com', 'me@mailinator.com', 'DOMAIN_NOT_ALLOWED'],
      ['acme-elsewhere.test', 'me@other.test', 'VALIDATION_ERROR'],
      ['not a domain', 'me@x.test', 'VALIDATION_ERROR'],
    ] as const) {
      const response = await owner.post(domains(), { domain, email });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe(code);
    }
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('allows 5 tries per code, then asks for a new one; an expired code is refused', async () => {
    const added = await owner.post(domains(), { domain: 'tries.test', email: 'it@tries.test' });
    const right = await codeSentTo('it@tries.test');
    const wrong = right === '000000' ? '111111' : '000000';
    const url = `${domains()}/${added.body.domain.id}/verify`;
    for (let left = 4; left >= 1; left--) {
      const response = await owner.post(url, { code: wrong });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'DOMAIN_CODE_INVALID',
        details: { attemptsLeft: left },
      });
    }
    const fifth = await owner.post(url, { code: wrong });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('DOMAIN_CODE_ATTEMPTS_EXCEEDED');
    const even = await owner.post(url, { code: right });
    expect(even.status).toBe(429);

    // A new code (adding again) starts over; an expired one is refused.
    await owner.post(domains(), { domain: 'tries.test', email: 'it@tries.test' });
    const fresh = await codeSentTo('it@tries.test');
    await db
      .update(organizationDomain)
      .set({ codeExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(organizationDomain.id, added.body.domain.id));
    const expired = await owner.post(url, { code: fresh });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('DOMAIN_CODE_EXPIRED');
  });

  it('lets one organization at a time verify a domain', async () => {
    await verifiedDomain('taken.test');
    const { owner: other, org: otherOrg } = await ownerWithOrg(app, 'Other Corp');
    const added = await other.post(domains(otherOrg.id), {
      domain: 'taken.test',
      email: 'x@taken.test',
    });
    expect(added.status).toBe(201);
    const response = await other.post(`${domains(otherOrg.id)}/${added.body.domain.id}/verify`, {
      code: await codeSentTo('x@taken.test'),
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('DOMAIN_VERIFIED_ELSEWHERE');
  });

  it('is for owners: an admin may list but not add, and a member sees nothing', async () => {
    const admin = await joinAs(app, owner, org.id, manager, 'domain-admin');
    expect((await admin.client.get(domains())).status).toBe(200);
    const refused = await admin.client.post(domains(), {
      domain: 'admin.test',
      email: 'a@admin.test',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    const outsider = await signUpVerified(app, { name: 'Out', email: uniqueEmail('out') });
    expect((await outsider.get(domains())).status).toBe(404);
    expect((await testClient(app).get(domains())).status).toBe(401);
  });

  it('rate-limits codes sent per organization', async () => {
    const limited = createTestKit({
      rateLimits: testRateLimits({
        domains: {
          codesSent: {
            perOrganization: { max: 2, windowMs: 3_600_000 },
            perIp: { max: 100, windowMs: 3_600_000 },
          },
        },
      } as never),
      install: false,
    });
    const { owner: o, org: o1 } = await ownerWithOrg(limited.app, 'Limited Corp');
    for (let i = 0; i < 2; i++)
      expect(
        (await o.post(domains(o1.id), { domain: 'limited.test', email: 'a@limited.test' })).status,
      ).toBe(201);
    const third = await o.post(domains(o1.id), { domain: 'limited.test', email: 'a@limited.test' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBeTruthy();
  });
});

describe('enrollment modes and suggestions', () => {
  it('automatic invitation: a matching verified person sees it on /api/me/suggestions and joins with the default role', async () => {
    const domain = await verifiedDomain('invite-mode.test');
    const patch = await owner.patch(`${domains()}/${domain.id}`, {
      enrollmentMode: 'automatic_invitation',
    });
    expect(patch.status).toBe(200);
    expect(patch.body.domain.enrollmentMode).toBe('automatic_invitation');
    const [changed] = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, domain.id),
          eq(organizationActivity.action, 'domain.mode_changed'),
        ),
      );
    expect(changed!.data).toEqual({ from: 'manual', to: 'automatic_invitation' });

    const dana = await personAt('eu.invite-mode.test', 'dana');
    const stranger = await personAt('elsewhere.test', 'stranger');
    expect((await stranger.client.get('/api/me/suggestions')).body.suggestions).toEqual([]);
    const suggestions = await dana.client.get('/api/me/suggestions');
    expect(suggestions.body.suggestions).toEqual([
      {
        domainId: domain.id,
        domain: 'invite-mode.test',
        kind: 'invitation',
        organization: { id: org.id, name: 'Domain Corp', slug: org.slug, logo: null },
        role: roles.defaultRole,
        pendingRequestId: null,
      },
    ]);
    const joined = await dana.client.post(`/api/me/suggestions/${domain.id}/join`);
    expect(joined.status).toBe(200);
    expect(joined.body.member.role).toBe(roles.defaultRole);
    expect((await dana.client.get('/api/me/suggestions')).body.suggestions).toEqual([]);
    const refused = await stranger.client.post(`/api/me/suggestions/${domain.id}/join`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('SUGGESTION_NOT_FOUND');
  });

  it('automatic suggestion: joining sends a join request; switching to manual or removing withdraws the suggestions', async () => {
    const domain = await verifiedDomain('suggest-mode.test');
    await owner.patch(`${domains()}/${domain.id}`, { enrollmentMode: 'automatic_suggestion' });
    const sam = await personAt('suggest-mode.test', 'sam');
    const tim = await personAt('suggest-mode.test', 'tim');
    expect((await sam.client.get('/api/me/suggestions')).body.suggestions[0]).toMatchObject({
      kind: 'suggestion',
    });
    const asked = await sam.client.post(`/api/me/suggestions/${domain.id}/join`, {
      message: 'Hi!',
    });
    expect(asked.status).toBe(202);
    expect(asked.body.request).toMatchObject({
      status: 'pending',
      source: 'domain',
      message: 'Hi!',
    });
    expect(
      await db
        .select()
        .from(member)
        .where(
          and(eq(member.organizationId, org.id), eq(member.userId, asked.body.request.user.id)),
        ),
    ).toEqual([]);

    await owner.patch(`${domains()}/${domain.id}`, { enrollmentMode: 'manual' });
    expect((await tim.client.get('/api/me/suggestions')).body.suggestions).toEqual([]);
    expect((await tim.client.post(`/api/me/suggestions/${domain.id}/join`)).status).toBe(404);

    await owner.patch(`${domains()}/${domain.id}`, { enrollmentMode: 'automatic_suggestion' });
    expect((await tim.client.get('/api/me/suggestions')).body.suggestions).toHaveLength(1);
    const removed = await owner.delete(`${domains()}/${domain.id}`);
    expect(removed.status).toBe(204);
    expect((await tim.client.get('/api/me/suggestions')).body.suggestions).toEqual([]);
    const [activity] = await db
      .select()
      .from(organizationActivity)
      .where(
        and(
          eq(organizationActivity.targetId, domain.id),
          eq(organizationActivity.action, 'domain.removed'),
        ),
      );
    expect(activity).toBeDefined();
  });

  it('refuses an automatic mode before the domain is verified', async () => {
    const added = await owner.post(domains(), {
      domain: 'unverified.test',
      email: 'it@unverified.test',
    });
    const response = await owner.patch(`${domains()}/${added.body.domain.id}`, {
      enrollmentMode: 'automatic_invitation',
    });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('DOMAIN_NOT_VERIFIED');
    const bad = await owner.patch(`${domains()}/${added.body.domain.id}`, {
      enrollmentMode: 'sometimes',
    });
    expect(bad.status).toBe(400);
  });
});
