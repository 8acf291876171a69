import { db, invitation, member } from '@kit/database';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, testClient } from './testing/client';

const { app } = createTestKit();

let ownerCount = 0;
async function ownerWithOrg() {
  const email = ownerCount++ === 0 ? 'olivia@acme.test' : `olivia${ownerCount}@acme.test`;
  const owner = await signUpVerified(app, { name: 'Olivia Owner', email });
  const created = await owner.post('/api/organizations', { name: 'Acme Inc' });
  expect(created.status).toBe(201);
  return { owner, org: created.body as { id: string; slug: string; name: string } };
}

const tokenFrom = (url: string) => new URL(url).pathname.split('/').pop()!;

describe('invitation lifecycle', () => {
  it('invites a new person who signs up through the link and joins with the invited role', async () => {
    const { owner, org } = await ownerWithOrg();
    expect(org.slug).toBe('acme-inc');
    const invite = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: '  New.Person@Example.com ',
      role: 'admin',
    });
    expect(invite.status).toBe(201);
    expect(invite.body.invitation).toMatchObject({
      email: 'new.person@example.com',
      role: 'admin',
      status: 'pending',
      inviter: { name: 'Olivia Owner' },
    });
    const expiresInDays = (Date.parse(invite.body.invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(6.99);
    expect(expiresInDays).toBeLessThanOrEqual(7);

    const email = await latestEmail('new.person@example.com');
    expect(email.subject).toContain('Acme Inc');
    expect(email.text).toContain('Olivia Owner');
    expect(email.text).toContain('as an admin');
    const link = email.links.find((l) => l.includes('/invite/'))!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenFrom(link);

    const invitee = testClient(app);
    const preview = await invitee.get(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      organization: { name: 'Acme Inc' },
      inviter: { name: 'Olivia Owner' },
      role: 'admin',
      email: 'new.person@example.com',
      accountExists: false,
    });

    const signUp = await invitee.post(`/api/invitations/${token}/sign-up`, {
      name: 'New Person',
      password: 'a-strong-password',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body).toMatchObject({ organization: { id: org.id }, member: { role: 'admin' } });
    const session = await invitee.get('/api/auth/get-session');
    expect(session.body.user).toMatchObject({
      email: 'new.person@example.com',
      emailVerified: true,
    });
    expect(session.body.session.activeOrganizationId).toBe(org.id);

    const members = await invitee.get(`/api/organizations/${org.id}/members`);
    expect(
      members.body.members.map((m: { email: string; role: string }) => [m.email, m.role]),
    ).toEqual([
      ['olivia@acme.test', 'owner'],
      ['new.person@example.com', 'admin'],
    ]);
    const again = await invitee.get(`/api/invitations/${token}`);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('INVITATION_ALREADY_ACCEPTED');
  });

  it('lets an existing user accept, refuses another account, and records the activity', async () => {
    const { owner, org } = await ownerWithOrg();
    const bob = await signUpVerified(app, { name: 'Bob', email: 'bob@example.com' });
    const mallory = await signUpVerified(app, { name: 'Mallory', email: 'mallory@example.com' });
    await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: 'bob@example.com',
      role: 'member',
    });
    const token = tokenFrom(
      (await latestEmail('bob@example.com', /invited/)).links.find((l) => l.includes('/invite/'))!,
    );

    expect((await testClient(app).get(`/api/invitations/${token}`)).body.accountExists).toBe(true);
    const wrong = await mallory.post(`/api/invitations/${token}/accept`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('INVITATION_EMAIL_MISMATCH');
    const anonymous = await testClient(app).post(`/api/invitations/${token}/accept`);
    expect(anonymous.status).toBe(401);

    const accepted = await bob.post(`/api/invitations/${token}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.member.role).toBe('member');
    const activity = await owner.get(`/api/organizations/${org.id}/activity`);
    expect(activity.body.items.map((i: { action: string }) => i.action)).toEqual([
      'invitation.accepted',
      'invitation.created',
      'organization.created',
    ]);
  });

  it('resend kills the old link; cancel kills the link at once', async () => {
    const { owner, org } = await ownerWithOrg();
    const created = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: 'carol@example.com',
    });
    const oldToken = tokenFrom(
      (await latestEmail('carol@example.com')).links.find((l) => l.includes('/invite/'))!,
    );
    const resent = await owner.post(
      `/api/organizations/${org.id}/invitations/${created.body.invitation.id}/resend`,
    );
    expect(resent.status).toBe(200);
    const newToken = tokenFrom(
      (await latestEmail('carol@example.com')).links.find((l) => l.includes('/invite/'))!,
    );
    expect(newToken).not.toBe(oldToken);
    const dead = await testClient(app).get(`/api/invitations/${oldToken}`);
    expect(dead.status).toBe(410);
    expect(dead.body.error).toMatchObject({
      code: 'INVITATION_REPLACED',
      details: { organizationName: 'Acme Inc' },
    });

    const canceled = await owner.delete(
      `/api/organizations/${org.id}/invitations/${resent.body.invitation.id}`,
    );
    expect(canceled.status).toBe(200);
    expect(canceled.body.invitation.status).toBe('canceled');
    const gone = await testClient(app).get(`/api/invitations/${newToken}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('INVITATION_CANCELED');
    const replaced = await owner.get(`/api/organizations/${org.id}/invitations?status=replaced`);
    expect(replaced.body.invitations).toHaveLength(1);
  });

  it('refuses duplicates and existing members with 409', async () => {
    const { owner, org } = await ownerWithOrg();
    expect(
      (await owner.post(`/api/organizations/${org.id}/invitations`, { email: 'dup@example.com' }))
        .status,
    ).toBe(201);
    const dup = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: 'DUP@example.com',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({
      code: 'ALREADY_INVITED',
      details: { invitationId: expect.any(String) },
    });
    const me = (await owner.get('/api/auth/get-session')).body.user.email;
    const self = await owner.post(`/api/organizations/${org.id}/invitations`, { email: me });
    expect(self.body.error.code).toBe('ALREADY_MEMBER');
    const bad = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: 'not-an-email',
      role: 'member',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'Enter a valid email address.',
    });
  });

  it('accepts exactly once under 20 parallel accepts', async () => {
    const { owner, org } = await ownerWithOrg();
    const dana = await signUpVerified(app, { name: 'Dana', email: 'dana@example.com' });
    await owner.post(`/api/organizations/${org.id}/invitations`, { email: 'dana@example.com' });
    const token = tokenFrom(
      (await latestEmail('dana@example.com', /invited/)).links.find((l) => l.includes('/invite/'))!,
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, () => dana.post(`/api/invitations/${token}/accept`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(19);
    expect(
      results
        .filter((r) => r.status === 410)
        .every((r) => r.body.error.code === 'INVITATION_ALREADY_ACCEPTED'),
    ).toBe(true);
    const rows = await db.select().from(member).where(eq(member.organizationId, org.id));
    expect(rows).toHaveLength(2);
    const [inv] = await db.select().from(invitation).where(eq(invitation.organizationId, org.id));
    expect(inv?.status).toBe('accepted');
  });
});
