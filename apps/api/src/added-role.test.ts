import { kitRoles } from '@kit/auth/roles';
import { rolesWithAuditor } from '@kit/auth/testing';
import { db, member } from '@kit/database';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, testClient, type TestClient } from './testing/client';
import {
  invitationToken,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

/** The API with the kit's roles plus `auditor` (activity log only) as the role set in use. */
const { app: auditorApp } = createTestKit({ auth: { roles: rolesWithAuditor } });
/** The same API with the kit's own roles. */
const { app } = createTestKit({ install: false });

async function roleOf(memberId: string) {
  const [row] = await db.select({ role: member.role }).from(member).where(eq(member.id, memberId));
  return row?.role;
}

describe('a role added to the role set', () => {
  let org: OrgView;
  let owner: TestClient;
  let admin: JoinedMember;
  let regular: JoinedMember;

  beforeAll(async () => {
    ({ owner, org } = await ownerWithOrg(auditorApp, 'Ledger Ltd'));
    await unlimitedSeats(org.id);
    admin = await joinAs(auditorApp, owner, org.id, 'admin');
    regular = await joinAs(auditorApp, owner, org.id, 'member');
  });

  it('is invited, accepts, changes role and is removed through the API', async () => {
    const email = uniqueEmail('auditor');
    const invite = await admin.client.post(`/api/organizations/${org.id}/invitations`, {
      email,
      role: 'auditor',
    });
    expect(invite.status).toBe(201);
    expect(invite.body.invitation.role).toBe('auditor');
    const sent = await latestEmail(email, /invited you/);
    expect(sent.text).toContain(`as an ${rolesWithAuditor.label('auditor').toLowerCase()}.`);

    const invitee = testClient(auditorApp);
    const signUp = await invitee.post(`/api/invitations/${await invitationToken(email)}/sign-up`, {
      name: 'Bill Ing',
      password: 'correct-horse-battery',
    });
    expect(signUp.status).toBe(201);
    expect(signUp.body.member.role).toBe('auditor');
    const joined = { client: invitee, memberId: signUp.body.member.id as string };
    expect(await roleOf(joined.memberId)).toBe('auditor');
    const members = await joined.client.get(`/api/organizations/${org.id}/members`);
    expect(members.status).toBe(200);
    expect(members.body.members.find((m: { id: string }) => m.id === joined.memberId).role).toBe(
      'auditor',
    );

    const toMember = await admin.client.patch(
      `/api/organizations/${org.id}/members/${joined.memberId}`,
      { role: 'member' },
    );
    expect(toMember.status).toBe(200);
    expect(await roleOf(joined.memberId)).toBe('member');
    const back = await owner.patch(`/api/organizations/${org.id}/members/${joined.memberId}`, {
      role: 'auditor',
    });
    expect(back.status).toBe(200);
    expect(back.body.role).toBe('auditor');

    const removed = await admin.client.delete(
      `/api/organizations/${org.id}/members/${joined.memberId}`,
    );
    expect(removed.status).toBe(204);
    expect(await roleOf(joined.memberId)).toBeUndefined();
  });

  it('holds exactly its permissions: reads the activity log, nothing about members', async () => {
    const auditor = await joinAs(auditorApp, owner, org.id, 'auditor');
    expect((await auditor.client.get(`/api/organizations/${org.id}/activity`)).status).toBe(200);

    const remove = await auditor.client.delete(
      `/api/organizations/${org.id}/members/${regular.memberId}`,
    );
    expect(remove.status).toBe(403);
    expect(remove.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    const change = await auditor.client.patch(
      `/api/organizations/${org.id}/members/${regular.memberId}`,
      { role: 'auditor' },
    );
    expect(change.status).toBe(403);
    const invite = await auditor.client.post(`/api/organizations/${org.id}/invitations`, {
      email: uniqueEmail('friend'),
      role: 'auditor',
    });
    expect(invite.status).toBe(403);
    expect(invite.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect(await roleOf(regular.memberId)).toBe('member');

    // Leaving is one's own decision, whatever the role.
    expect((await auditor.client.post(`/api/organizations/${org.id}/leave`)).status).toBe(204);
  });

  it('is named in role errors and accepted in bulk imports', async () => {
    const bad = await owner.post(`/api/organizations/${org.id}/invitations`, {
      email: uniqueEmail('typo'),
      role: 'biling',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(`Role must be one of ${rolesWithAuditor.ids.join(', ')}.`);

    const bulk = await admin.client.post(`/api/organizations/${org.id}/invitations/bulk`, {
      invitations: [
        { email: uniqueEmail('bulk'), role: 'auditor' },
        { email: uniqueEmail('bulk'), role: 'janitor' },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r: { status: string }) => r.status)).toEqual([
      'invited',
      'invalid_role',
    ]);
    expect(bulk.body.results[1].message).toContain('auditor');
  });

  it('does not exist for a kit whose role set lacks it', async () => {
    const plain = await ownerWithOrg(app, 'Plain Co');
    const invite = await plain.owner.post(`/api/organizations/${plain.org.id}/invitations`, {
      email: uniqueEmail('plain'),
      role: 'auditor',
    });
    expect(invite.status).toBe(400);
    expect(invite.body.error.message).toBe(`Role must be one of ${kitRoles.ids.join(', ')}.`);
  });
});
