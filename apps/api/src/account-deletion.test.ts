import {
  account,
  db,
  invitation,
  member,
  organizationActivity,
  session,
  user,
  verification,
} from '@kit/database';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { latestEmail, signUpVerified, testClient, type TestClient } from './testing/client';
import { createTestKit } from './testing/kit';
import {
  invitationToken,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
} from './testing/organizations';

const kit = createTestKit();
const { app } = kit;
const roles = kit.runtime.roles;
/** A role an owner may grant that is not the owner's. */
const otherRole = roles.formerOwner;
const PASSWORD = 'correct-horse-battery';

const deleteAccount = (client: TestClient, password = PASSWORD) =>
  client.post('/api/auth/delete-user', { password });

async function userRow(email: string) {
  const [row] = await db.select().from(user).where(eq(user.email, email));
  return row;
}

describe('deleting an account', () => {
  it('is refused with LAST_OWNER, naming the organizations, while the person is their only owner; nothing is deleted', async () => {
    const { owner, email, org } = await ownerWithOrg(app, 'Solo Owned');
    const second = await owner.post('/api/organizations', { name: 'Also Solo' });
    expect(second.status).toBe(201);
    const before = await organizationSnapshot();

    const check = await owner.get('/api/account/deletion');
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      allowed: false,
      soleOwnerOf: [
        { id: second.body.id, name: 'Also Solo', slug: second.body.slug },
        { id: org.id, name: 'Solo Owned', slug: org.slug },
      ],
    });

    const refused = await deleteAccount(owner);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'LAST_OWNER',
      message: expect.stringContaining('"Also Solo", "Solo Owned"'),
      remediation: expect.any(String),
      details: {
        organizations: [
          expect.objectContaining({ name: 'Also Solo' }),
          expect.objectContaining({ name: 'Solo Owned' }),
        ],
      },
    });
    expect(await organizationSnapshot()).toEqual(before);
    const row = await userRow(email);
    expect(row).toBeDefined();
    expect(await db.select().from(session).where(eq(session.userId, row!.id))).not.toEqual([]);
    expect((await owner.get('/api/auth/get-session')).body.user.email).toBe(email);
  });

  it('is refused with the wrong password, and needs a session', async () => {
    const email = uniqueEmail('careful');
    const me = await signUpVerified(app, { name: 'Careful', email });
    const wrong = await deleteAccount(me, 'not-the-password');
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVALID_PASSWORD');
    expect(await userRow(email)).toBeDefined();
    expect(
      (await testClient(app).post('/api/auth/delete-user', { password: PASSWORD })).status,
    ).toBe(401);
  });

  it('removes memberships, sessions and credentials, anonymises the history, keeps invitations they sent', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Keeps History');
    await unlimitedSeats(org.id);
    const leaver = await joinAs(app, owner, org.id, otherRole, 'leaver');
    // Their role changes once: an activity entry naming them by address.
    expect(
      (
        await owner.patch(`/api/organizations/${org.id}/members/${leaver.memberId}`, {
          role: roles.owner,
        })
      ).status,
    ).toBe(200);
    // As an owner they invite someone: the invitation must outlive them.
    const invitee = uniqueEmail('their-invitee');
    const sent = await leaver.client.post(`/api/organizations/${org.id}/invitations`, {
      email: invitee,
      role: otherRole,
    });
    expect(sent.status).toBe(201);
    const inviteeToken = await invitationToken(invitee);
    // A password reset link waiting for them.
    await testClient(app).post('/api/auth/request-password-reset', {
      email: leaver.email,
      redirectTo: 'http://localhost:3000/reset-password',
    });
    expect(
      await db.select().from(verification).where(eq(verification.value, leaver.userId)),
    ).not.toEqual([]);

    const check = await leaver.client.get('/api/account/deletion');
    expect(check.body).toEqual({ allowed: true, soleOwnerOf: [] });
    const deleted = await deleteAccount(leaver.client);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ success: true, message: 'User deleted' });

    // The account and everything that signs in as it.
    expect(await userRow(leaver.email)).toBeUndefined();
    expect(await db.select().from(session).where(eq(session.userId, leaver.userId))).toEqual([]);
    expect(await db.select().from(account).where(eq(account.userId, leaver.userId))).toEqual([]);
    expect(
      await db.select().from(verification).where(eq(verification.value, leaver.userId)),
    ).toEqual([]);
    expect((await leaver.client.get('/api/auth/get-session')).body).toBeNull();
    const signIn = await testClient(app).post('/api/auth/sign-in/email', {
      email: leaver.email,
      password: PASSWORD,
    });
    expect(signIn.status).toBe(401);

    // The membership is gone; the organization's history says they left, without naming them.
    expect(await db.select().from(member).where(eq(member.userId, leaver.userId))).toEqual([]);
    const history = await db
      .select()
      .from(organizationActivity)
      .where(eq(organizationActivity.organizationId, org.id));
    expect(JSON.stringify(history)).not.toContain(leaver.email);
    expect(history.some((a) => a.actorId === leaver.userId)).toBe(false);
    expect(history).toContainEqual(
      expect.objectContaining({
        action: 'member.left',
        targetId: leaver.memberId,
        targetLabel: 'Deleted user',
        actorId: null,
        data: { role: roles.owner, accountDeleted: true },
      }),
    );
    expect(history).toContainEqual(
      expect.objectContaining({ action: 'member.role_changed', targetLabel: 'Deleted user' }),
    );
    const activity = await owner.get(`/api/organizations/${org.id}/activity`);
    expect(activity.status).toBe(200);
    expect(JSON.stringify(activity.body)).not.toContain(leaver.email);

    // The invitation they sent still works, with no inviter; the one they accepted is gone.
    const [theirs] = await db.select().from(invitation).where(eq(invitation.email, invitee));
    expect(theirs).toMatchObject({ status: 'pending', inviterId: null });
    const preview = await testClient(app).get(`/api/invitations/${inviteeToken}`);
    expect(preview.status).toBe(200);
    expect(preview.body.inviter).toBeNull();
    expect(await db.select().from(invitation).where(eq(invitation.email, leaver.email))).toEqual(
      [],
    );

    // The owner is still the owner and the organization is intact.
    const members = await owner.get(`/api/organizations/${org.id}/members`);
    expect(members.status).toBe(200);
    expect(JSON.stringify(members.body)).not.toContain(leaver.email);

    const goodbye = await latestEmail(leaver.email, /account was deleted/i);
    expect(goodbye.text).toContain(`Hi ${leaver.name}`);
  });

  it('lets one of two owners go; the other is then the last owner and is refused', async () => {
    const { owner, email, org } = await ownerWithOrg(app, 'Two Owners');
    await unlimitedSeats(org.id);
    const coOwner = await joinAs(app, owner, org.id, roles.owner, 'co-owner');
    expect((await deleteAccount(coOwner.client)).status).toBe(200);
    const refused = await deleteAccount(owner);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LAST_OWNER');
    expect(await userRow(email)).toBeDefined();
    expect(
      await db
        .select()
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.role, roles.owner))),
    ).toHaveLength(1);
  });

  it('never leaves an organization without an owner when both owners delete at once', async () => {
    const { owner, email, org } = await ownerWithOrg(app, 'Race Owners');
    await unlimitedSeats(org.id);
    const coOwner = await joinAs(app, owner, org.id, roles.owner, 'race-owner');
    const results = await Promise.all([deleteAccount(owner), deleteAccount(coOwner.client)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const owners = await db
      .select()
      .from(member)
      .where(and(eq(member.organizationId, org.id), eq(member.role, roles.owner)));
    expect(owners).toHaveLength(1);
    const survivors = [await userRow(email), await userRow(coOwner.email)].filter(Boolean);
    expect(survivors).toHaveLength(1);
    expect(survivors[0]!.id).toBe(owners[0]!.userId);
  });
});
