import { withInvitationSignup } from '@kit/auth';
import { db, inviteLink, inviteLinkSignup, joinRequest, member, user } from '@kit/database';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, testClient } from './testing/client';
import { emailsTo, uniqueEmail } from './testing/organizations';

const kit = createTestKit({ auth: { signupMode: 'invite-only' } });
const { app, auth } = kit;
const roles = kit.runtime.roles;
const plain = roles.ids.find((r) => !roles.can(r, { invitation: ['create'] }))!;

/** The first owner of an invite-only deployment is provisioned by an operator, not by sign-up. */
async function provisionedOwner(orgName: string) {
  const email = uniqueEmail('operator');
  const password = 'operator-password';
  const created = await withInvitationSignup(email, () =>
    auth.api.signUpEmail({ body: { name: 'Operator', email, password } }),
  );
  await db.update(user).set({ emailVerified: true }).where(eq(user.id, created.user.id));
  const owner = testClient(app);
  expect((await owner.post('/api/auth/sign-in/email', { email, password })).status).toBe(200);
  const org = await owner.post('/api/organizations', { name: orgName });
  expect(org.status).toBe(201);
  return { owner, ownerEmail: email, org: org.body as { id: string; slug: string } };
}

async function linkFor(owner: ReturnType<typeof testClient>, orgId: string, body = {}) {
  const response = await owner.post(`/api/organizations/${orgId}/invite-links`, {
    role: plain,
    ...body,
  });
  expect(response.status).toBe(201);
  return {
    id: response.body.link.id as string,
    token: new URL(response.body.url).pathname.split('/').pop()!,
  };
}

describe('signing up through an invite link when sign-up is invite-only', () => {
  it('creates the account, sends the verification email, and joins once the address is verified', async () => {
    const { owner, org } = await provisionedOwner('Closed Club');
    const link = await linkFor(owner, org.id);
    const email = uniqueEmail('newcomer');
    const visitor = testClient(app);

    const closed = await visitor.post('/api/auth/sign-up/email', {
      name: 'Newcomer',
      email,
      password: 'let-me-in-please',
    });
    expect(closed.body.error.code).toBe('SIGNUP_DISABLED');

    const signUp = await visitor.post(`/api/join/${link.token}/sign-up`, {
      name: 'Newcomer',
      email,
      password: 'let-me-in-please',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toEqual({
      user: { id: expect.any(String), name: 'Newcomer', email },
      organization: { id: org.id, name: 'Closed Club' },
      verificationRequired: true,
    });
    // Not a member before the address is proven.
    expect(await db.select().from(member).where(eq(member.userId, signUp.body.user.id))).toEqual(
      [],
    );

    const verification = await latestEmail(email, /confirm/i);
    const verifyLink = verification.links.find((l) => l.includes('/verify-email'))!;
    expect(decodeURIComponent(verifyLink)).toContain(`/join/${link.token}`);
    await visitor.open(verifyLink);

    const [joined] = await db.select().from(member).where(eq(member.userId, signUp.body.user.id));
    expect(joined).toMatchObject({ organizationId: org.id, role: plain });
    const [stored] = await db.select().from(inviteLink).where(eq(inviteLink.id, link.id));
    expect(stored!.uses).toBe(1);
    expect(await db.select().from(inviteLinkSignup)).toEqual([]);
    const orgs = await visitor.get('/api/organizations');
    expect(orgs.body.organizations.map((o: { id: string }) => o.id)).toEqual([org.id]);
  });

  it('makes a join request instead when the link needs approval, emailing the owner', async () => {
    const { owner, ownerEmail, org } = await provisionedOwner('Approval Club');
    const link = await linkFor(owner, org.id, { requiresApproval: true });
    const email = uniqueEmail('applicant');
    const visitor = testClient(app);
    const signUp = await visitor.post(`/api/join/${link.token}/sign-up`, {
      name: 'Applicant',
      email,
      password: 'let-me-in-please',
    });
    expect(signUp.status).toBe(201);
    const verification = await latestEmail(email, /confirm/i);
    await visitor.open(verification.links.find((l) => l.includes('/verify-email'))!);
    const [request] = await db
      .select()
      .from(joinRequest)
      .where(eq(joinRequest.userId, signUp.body.user.id));
    expect(request).toMatchObject({
      organizationId: org.id,
      status: 'pending',
      source: 'invite-link',
    });
    expect(await db.select().from(member).where(eq(member.userId, signUp.body.user.id))).toEqual(
      [],
    );
    const mail = await latestEmail(ownerEmail, /asked to join Approval Club/);
    expect(mail.text).toContain(email);
  });

  it('refuses an address outside the allowed domains, an existing account and a dead link, creating nobody', async () => {
    const { owner, org } = await provisionedOwner('Domain Club');
    const link = await linkFor(owner, org.id, { allowedDomains: ['acme.test'] });
    const body = (email: string) => ({ name: 'Someone', email, password: 'let-me-in-please' });

    const wrong = await testClient(app).post(
      `/api/join/${link.token}/sign-up`,
      body('x@other.test'),
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('EMAIL_DOMAIN_NOT_ALLOWED');
    expect(await db.select().from(user).where(eq(user.email, 'x@other.test'))).toEqual([]);
    expect(await emailsTo('x@other.test')).toEqual([]);

    const first = await testClient(app).post(
      `/api/join/${link.token}/sign-up`,
      body('dup@acme.test'),
    );
    expect(first.status).toBe(201);
    const again = await testClient(app).post(
      `/api/join/${link.token}/sign-up`,
      body('dup@acme.test'),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_EXISTS');

    const invalid = await testClient(app).post(`/api/join/${link.token}/sign-up`, {
      name: 'X',
      email: 'nope',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_ERROR');

    await owner.delete(`/api/organizations/${org.id}/invite-links/${link.id}`);
    const dead = await testClient(app).post(
      `/api/join/${link.token}/sign-up`,
      body('late@acme.test'),
    );
    expect(dead.status).toBe(410);
    expect(dead.body.error.code).toBe('INVITE_LINK_REVOKED');
    expect(await db.select().from(user).where(eq(user.email, 'late@acme.test'))).toEqual([]);
  });
});
