import { db, member, session, user } from '@kit/database';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withInvitationSignup } from '@kit/auth';
import { testClient } from './testing/client';
import { emailsTo, invitationToken, uniqueEmail } from './testing/organizations';
import { createTestKit } from './testing/kit';

const { app, auth } = createTestKit({ auth: { signupMode: 'invite-only' } });

/** The first owner of an invite-only deployment is provisioned by an operator, not by sign-up. */
async function provisionedOwner() {
  const email = uniqueEmail('operator');
  const password = 'operator-password';
  const created = await withInvitationSignup(email, () =>
    auth.api.signUpEmail({ body: { name: 'Operator', email, password } }),
  );
  await db.update(user).set({ emailVerified: true }).where(eq(user.id, created.user.id));
  const owner = testClient(app);
  expect((await owner.post('/api/auth/sign-in/email', { email, password })).status).toBe(200);
  const org = await owner.post('/api/organizations', { name: 'Closed Club' });
  expect(org.status).toBe(201);
  return { owner, org: org.body as { id: string } };
}

describe('invitations when AUTH_SIGNUP_MODE=invite-only', () => {
  it('public sign-up stays closed while the invited address signs up through its link', async () => {
    const { owner, org } = await provisionedOwner();
    const email = uniqueEmail('invitee');

    const closed = await testClient(app).post('/api/auth/sign-up/email', {
      name: 'Early',
      email,
      password: 'let-me-in-please',
    });
    expect(closed.status).toBe(403);
    expect(closed.body.error.code).toBe('SIGNUP_DISABLED');
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);

    expect(
      (await owner.post(`/api/organizations/${org.id}/invitations`, { email, role: 'admin' }))
        .status,
    ).toBe(201);
    const token = await invitationToken(email);
    // Holding an invitation does not open the public sign-up for that address either.
    const sideways = await testClient(app).post('/api/auth/sign-up/email', {
      name: 'Sideways',
      email,
      password: 'let-me-in-please',
    });
    expect(sideways.status).toBe(403);
    expect(sideways.body.error.code).toBe('SIGNUP_DISABLED');

    const invitee = testClient(app);
    const signUp = await invitee.post(`/api/invitations/${token}/sign-up`, {
      name: 'Invited Person',
      password: 'a-strong-password',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toMatchObject({
      user: { email },
      organization: { id: org.id },
      member: { role: 'admin' },
    });
    const [account] = await db.select().from(user).where(eq(user.email, email));
    expect(account).toMatchObject({ name: 'Invited Person', emailVerified: true });
    expect(await db.select().from(member).where(eq(member.userId, account!.id))).toEqual([
      expect.objectContaining({ organizationId: org.id, role: 'admin' }),
    ]);
    const current = await invitee.get('/api/auth/get-session');
    expect(current.body.user.email).toBe(email);
    expect(current.body.session.activeOrganizationId).toBe(org.id);
    expect(await db.select().from(session).where(eq(session.userId, account!.id))).toHaveLength(1);
    // No verification email: the link already proved the address.
    expect((await emailsTo(email)).filter((m) => /confirm/i.test(m.subject))).toEqual([]);

    const reused = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Second',
      password: 'a-strong-password',
    });
    expect(reused.status).toBe(410);
    expect(reused.body.error.code).toBe('INVITATION_ALREADY_ACCEPTED');
  });

  it('a link for one address cannot open sign-up for another, and a dead link opens nothing', async () => {
    const { owner, org } = await provisionedOwner();
    const email = uniqueEmail('canceled');
    const created = await owner.post(`/api/organizations/${org.id}/invitations`, { email });
    const token = await invitationToken(email);
    expect(
      (await owner.delete(`/api/organizations/${org.id}/invitations/${created.body.invitation.id}`))
        .status,
    ).toBe(200);
    const canceled = await testClient(app).post(`/api/invitations/${token}/sign-up`, {
      name: 'Too Late',
      password: 'a-strong-password',
    });
    expect(canceled.status).toBe(410);
    expect(canceled.body.error.code).toBe('INVITATION_CANCELED');
    const unknown = await testClient(app).post(`/api/invitations/${'B'.repeat(43)}/sign-up`, {
      name: 'Nobody',
      password: 'a-strong-password',
    });
    expect(unknown.status).toBe(404);
    expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);
    // The sign-up body cannot pick another address: the account is always the invited one.
    const other = uniqueEmail('other');
    const next = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: uniqueEmail('real'),
    });
    expect(next.status).toBe(201);
    const realToken = await invitationToken(next.body.invitation.email);
    const swapped = await testClient(app).post(`/api/invitations/${realToken}/sign-up`, {
      name: 'Swap',
      email: other,
      password: 'a-strong-password',
    });
    expect(swapped.status).toBe(201);
    expect(swapped.body.user.email).toBe(next.body.invitation.email);
    expect(await db.select().from(user).where(eq(user.email, other))).toEqual([]);
  });
});
