import { db, invitation, member, organization, organizationActivity, session } from '@kit/database';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import type { TestClient } from './testing/client';
import {
  invitationToken,
  joinAs,
  ownerWithOrg,
  uniqueEmail,
  unlimitedSeats,
  type JoinedMember,
  type OrgView,
} from './testing/organizations';

const { app } = createTestKit();

async function roleOf(memberId: string) {
  const [row] = await db.select({ role: member.role }).from(member).where(eq(member.id, memberId));
  return row?.role;
}

async function ownMemberId(client: TestClient, orgId: string) {
  const me = (await client.get('/api/auth/get-session')).body.user.id as string;
  const [row] = await db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, orgId), eq(member.userId, me)));
  return row!.id;
}

async function activeOrganization(client: TestClient) {
  return (await client.get('/api/auth/get-session')).body.session.activeOrganizationId as
    string | null;
}

async function lastActivity(orgId: string) {
  const page = await db
    .select()
    .from(organizationActivity)
    .where(eq(organizationActivity.organizationId, orgId));
  return page.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

describe('role changes', () => {
  let org: OrgView;
  let owner: TestClient;
  let ownerMemberId: string;
  let admin: JoinedMember;
  let regular: JoinedMember;

  beforeAll(async () => {
    ({ owner, org } = await ownerWithOrg(app, 'Roles Inc'));
    await unlimitedSeats(org.id);
    ownerMemberId = await ownMemberId(owner, org.id);
    admin = await joinAs(app, owner, org.id, 'admin');
    regular = await joinAs(app, owner, org.id, 'member');
  });

  it('lets the owner promote and demote, recording each change', async () => {
    const promoted = await owner.patch(`/api/organizations/${org.id}/members/${regular.memberId}`, {
      role: 'admin',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      id: regular.memberId,
      email: regular.email,
      role: 'admin',
    });
    expect(await roleOf(regular.memberId)).toBe('admin');
    expect(await lastActivity(org.id)).toMatchObject({
      action: 'member.role_changed',
      targetId: regular.memberId,
      data: { from: 'member', to: 'admin' },
    });
    const demoted = await owner.patch(`/api/organizations/${org.id}/members/${regular.memberId}`, {
      role: 'member',
    });
    expect(demoted.body.role).toBe('member');
    expect(await roleOf(regular.memberId)).toBe('member');
  });

  it('never lets an admin make an owner', async () => {
    const response = await admin.client.patch(
      `/api/organizations/${org.id}/members/${regular.memberId}`,
      { role: 'owner' },
    );
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect(await roleOf(regular.memberId)).toBe('member');
    const self = await admin.client.patch(
      `/api/organizations/${org.id}/members/${admin.memberId}`,
      { role: 'owner' },
    );
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ROLE_NOT_ALLOWED');
    expect(await roleOf(admin.memberId)).toBe('admin');
  });

  it('never lets an admin change or remove an owner', async () => {
    const demote = await admin.client.patch(
      `/api/organizations/${org.id}/members/${ownerMemberId}`,
      { role: 'member' },
    );
    expect(demote.status).toBe(403);
    expect(demote.body.error.code).toBe('CANNOT_MODIFY_OWNER');
    const remove = await admin.client.delete(
      `/api/organizations/${org.id}/members/${ownerMemberId}`,
    );
    expect(remove.status).toBe(403);
    expect(remove.body.error.code).toBe('CANNOT_MODIFY_OWNER');
    expect(await roleOf(ownerMemberId)).toBe('owner');
  });

  it('does not let a member change roles or remove anyone', async () => {
    for (const [memberId, role] of [
      [admin.memberId, 'member'],
      [regular.memberId, 'admin'],
    ] as const) {
      const response = await regular.client.patch(
        `/api/organizations/${org.id}/members/${memberId}`,
        { role },
      );
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    }
    const remove = await regular.client.delete(
      `/api/organizations/${org.id}/members/${admin.memberId}`,
    );
    expect(remove.status).toBe(403);
    expect(remove.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect([await roleOf(admin.memberId), await roleOf(regular.memberId)]).toEqual([
      'admin',
      'member',
    ]);
  });

  it('refuses unknown roles and unknown members', async () => {
    const invalid = await owner.patch(`/api/organizations/${org.id}/members/${regular.memberId}`, {
      role: 'superuser',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: { fields: [{ field: 'role' }] },
    });
    const missing = await owner.patch(`/api/organizations/${org.id}/members/no-such-member`, {
      role: 'admin',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('MEMBER_NOT_FOUND');
    expect(await roleOf(regular.memberId)).toBe('member');
  });

  it('keeps the last owner: no demotion, removal or leaving', async () => {
    const before = await db.select().from(member).where(eq(member.organizationId, org.id));
    const attempts = [
      await owner.patch(`/api/organizations/${org.id}/members/${ownerMemberId}`, { role: 'admin' }),
      await owner.delete(`/api/organizations/${org.id}/members/${ownerMemberId}`),
      await owner.post(`/api/organizations/${org.id}/leave`),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'LAST_OWNER',
        remediation: expect.any(String),
      });
    }
    expect(await db.select().from(member).where(eq(member.organizationId, org.id))).toEqual(before);
  });

  it('keeps one owner when two owners leave at the same time', async () => {
    const { owner: first, org: shared } = await ownerWithOrg(app, 'Two Owners');
    const second = await joinAs(app, first, shared.id, 'owner', 'second-owner');
    const results = await Promise.all([
      first.post(`/api/organizations/${shared.id}/leave`),
      second.client.post(`/api/organizations/${shared.id}/leave`),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([204, 409]);
    const owners = await db
      .select()
      .from(member)
      .where(and(eq(member.organizationId, shared.id), eq(member.role, 'owner')));
    expect(owners).toHaveLength(1);
  });
});

describe('transferring ownership', () => {
  it('makes the chosen member owner and the old owner an admin', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Handover Ltd');
    const ownerMemberId = await ownMemberId(owner, org.id);
    const heir = await joinAs(app, owner, org.id, 'member', 'heir');
    const admin = await joinAs(app, owner, org.id, 'admin', 'handover-admin');

    for (const [client, code] of [
      [heir.client, 'INSUFFICIENT_PERMISSIONS'],
      [admin.client, 'INSUFFICIENT_PERMISSIONS'],
    ] as const) {
      const refused = await client.post(`/api/organizations/${org.id}/transfer-ownership`, {
        memberId: heir.memberId,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe(code);
    }
    const toSelf = await owner.post(`/api/organizations/${org.id}/transfer-ownership`, {
      memberId: ownerMemberId,
    });
    expect(toSelf.status).toBe(400);
    expect(toSelf.body.error.code).toBe('VALIDATION_ERROR');
    const unknown = await owner.post(`/api/organizations/${org.id}/transfer-ownership`, {
      memberId: 'nobody',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('MEMBER_NOT_FOUND');
    const empty = await owner.post(`/api/organizations/${org.id}/transfer-ownership`, {});
    expect(empty.status).toBe(400);
    expect(await roleOf(ownerMemberId)).toBe('owner');

    const transferred = await owner.post(`/api/organizations/${org.id}/transfer-ownership`, {
      memberId: heir.memberId,
    });
    expect(transferred.status).toBe(200);
    expect(transferred.body).toMatchObject({
      newOwner: { id: heir.memberId, role: 'owner' },
      previousOwner: { id: ownerMemberId, role: 'admin' },
    });
    expect([await roleOf(heir.memberId), await roleOf(ownerMemberId)]).toEqual(['owner', 'admin']);
    expect(await lastActivity(org.id)).toMatchObject({
      action: 'ownership.transferred',
      targetId: heir.memberId,
    });

    // The former owner is now an admin: bound by the admin rules.
    const again = await owner.post(`/api/organizations/${org.id}/transfer-ownership`, {
      memberId: admin.memberId,
    });
    expect(again.status).toBe(403);
    const demote = await owner.patch(`/api/organizations/${org.id}/members/${heir.memberId}`, {
      role: 'member',
    });
    expect(demote.status).toBe(403);
    expect(demote.body.error.code).toBe('CANNOT_MODIFY_OWNER');
    expect((await owner.get(`/api/organizations/${org.id}`)).body.role).toBe('admin');
    // The new owner is the last owner now.
    const leave = await heir.client.post(`/api/organizations/${org.id}/leave`);
    expect(leave.status).toBe(409);
    expect(leave.body.error.code).toBe('LAST_OWNER');
  });
});

describe('leaving and removal', () => {
  it('leaving removes the membership and clears it as the active organization', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Exit Co');
    const leaver = await joinAs(app, owner, org.id, 'member', 'leaver');
    expect(await activeOrganization(leaver.client)).toBe(org.id);

    const left = await leaver.client.post(`/api/organizations/${org.id}/leave`);
    expect(left.status).toBe(204);
    expect(await db.select().from(member).where(eq(member.id, leaver.memberId))).toEqual([]);
    expect(await activeOrganization(leaver.client)).toBeNull();
    const sessions = await db.select().from(session).where(eq(session.userId, leaver.userId));
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.activeOrganizationId === null)).toBe(true);
    expect((await leaver.client.get(`/api/organizations/${org.id}`)).status).toBe(404);
    expect((await leaver.client.get('/api/organizations')).body.organizations).toEqual([]);
    expect(await lastActivity(org.id)).toMatchObject({
      action: 'member.left',
      targetLabel: leaver.email,
    });

    const again = await leaver.client.post(`/api/organizations/${org.id}/leave`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('an admin removes a member, who loses access at once', async () => {
    const { owner, org } = await ownerWithOrg(app, 'Removal Co');
    const admin = await joinAs(app, owner, org.id, 'admin', 'remover');
    const removed = await joinAs(app, owner, org.id, 'member', 'removed');
    const response = await admin.client.delete(
      `/api/organizations/${org.id}/members/${removed.memberId}`,
    );
    expect(response.status).toBe(204);
    expect(await db.select().from(member).where(eq(member.id, removed.memberId))).toEqual([]);
    expect(await activeOrganization(removed.client)).toBeNull();
    expect((await removed.client.get(`/api/organizations/${org.id}/members`)).status).toBe(404);
    expect(await lastActivity(org.id)).toMatchObject({
      action: 'member.removed',
      targetLabel: removed.email,
    });
  });
});

describe('organizations', () => {
  let owner: TestClient;
  let org: OrgView;
  let admin: JoinedMember;
  let regular: JoinedMember;

  beforeAll(async () => {
    ({ owner, org } = await ownerWithOrg(app, 'Settings Org'));
    admin = await joinAs(app, owner, org.id, 'admin', 'settings-admin');
    regular = await joinAs(app, owner, org.id, 'member', 'settings-member');
  });

  async function orgRow(id = org.id) {
    const [row] = await db.select().from(organization).where(eq(organization.id, id));
    return row;
  }

  it('creates with a derived or chosen slug, and refuses a taken or invalid one', async () => {
    const derived = await owner.post('/api/organizations', { name: '  Ünïcode & Co  ' });
    expect(derived.status).toBe(201);
    expect(derived.body).toMatchObject({ name: 'Ünïcode & Co', slug: 'unicode-co', role: 'owner' });
    // The same name again gets a distinct slug rather than an error.
    const twin = await owner.post('/api/organizations', { name: 'Ünïcode & Co' });
    expect(twin.status).toBe(201);
    expect(twin.body.slug).toMatch(/^unicode-co-[0-9a-f]{4}$/);

    const taken = await owner.post('/api/organizations', { name: 'Other', slug: 'unicode-co' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'SLUG_TAKEN', remediation: expect.any(String) });
    for (const input of [{}, { name: 'x' }, { name: 'Valid', slug: 'Not A Slug!' }, { name: 42 }]) {
      const invalid = await owner.post('/api/organizations', input);
      expect(invalid.status).toBe(400);
      expect(invalid.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        details: { fields: expect.any(Array) },
      });
    }
    expect(await db.select().from(organization).where(eq(organization.name, 'Other'))).toEqual([]);
  });

  it('lists my organizations with my role in each, and activates one', async () => {
    const mine = await regular.client.get('/api/organizations');
    expect(mine.status).toBe(200);
    expect(mine.body.organizations).toEqual([
      {
        id: org.id,
        name: 'Settings Org',
        slug: org.slug,
        logo: null,
        createdAt: expect.any(String),
        role: 'member',
      },
    ]);
    const owned = (await owner.get('/api/organizations')).body.organizations.map(
      (o: { name: string; role: string }) => [o.name, o.role],
    );
    expect(owned).toEqual([
      ['Settings Org', 'owner'],
      ['Ünïcode & Co', 'owner'],
      ['Ünïcode & Co', 'owner'],
    ]);

    // Creating made the newest organization active; activating switches back.
    expect(await activeOrganization(owner)).not.toBe(org.id);
    const activated = await owner.post(`/api/organizations/${org.id}/activate`);
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ id: org.id, role: 'owner' });
    expect(await activeOrganization(owner)).toBe(org.id);
    const foreign = await regular.client.post(
      `/api/organizations/${(await owner.get('/api/organizations')).body.organizations[1].id}/activate`,
    );
    expect(foreign.status).toBe(404);
    expect(await activeOrganization(regular.client)).toBe(org.id);
  });

  it('updates name, slug and logo for owners and admins, with an activity entry', async () => {
    const renamed = await admin.client.patch(`/api/organizations/${org.id}`, {
      name: 'Settings Org 2',
      slug: 'settings-two',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id: org.id,
      name: 'Settings Org 2',
      slug: 'settings-two',
      role: 'admin',
    });
    expect(await orgRow()).toMatchObject({ name: 'Settings Org 2', slug: 'settings-two' });
    expect(await lastActivity(org.id)).toMatchObject({
      action: 'organization.updated',
      data: { changes: { name: 'Settings Org 2', slug: 'settings-two' } },
    });
    const logo = await owner.patch(`/api/organizations/${org.id}`, {
      logo: 'https://cdn.example.test/logo.png',
    });
    expect(logo.body.logo).toBe('https://cdn.example.test/logo.png');
    const refused = await regular.client.patch(`/api/organizations/${org.id}`, {
      name: 'Mine Now',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await orgRow())!.name).toBe('Settings Org 2');
  });

  it('refuses a taken slug and invalid input without changing anything', async () => {
    const before = await orgRow();
    const taken = await owner.patch(`/api/organizations/${org.id}`, {
      name: 'Renamed',
      slug: 'unicode-co',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'SLUG_TAKEN',
      message: expect.stringContaining('unicode-co'),
    });
    for (const input of [
      {},
      { name: 'A' },
      { name: 'x'.repeat(81) },
      { slug: '-bad-' },
      { slug: 'UPPER CASE' },
      { logo: 'not a url' },
      { name: 'Fine Name', slug: 'a' },
    ]) {
      const response = await owner.patch(`/api/organizations/${org.id}`, input);
      expect({ input, status: response.status, code: response.body.error?.code }).toEqual({
        input,
        status: 400,
        code: 'VALIDATION_ERROR',
      });
    }
    const malformed = await owner.request(
      'PATCH',
      `/api/organizations/${org.id}`,
      '{"name": "Half',
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_JSON');
    expect(await orgRow()).toEqual(before);
  });

  it('deletes for owners only, and everything of the organization goes with it', async () => {
    const pending = uniqueEmail('pending');
    expect(
      (await owner.post(`/api/organizations/${org.id}/invitations`, { email: pending })).status,
    ).toBe(201);
    const token = await invitationToken(pending);
    await regular.client.post(`/api/organizations/${org.id}/activate`);

    for (const client of [admin.client, regular.client]) {
      const refused = await client.delete(`/api/organizations/${org.id}`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('INSUFFICIENT_PERMISSIONS');
    }
    expect(await orgRow()).toBeDefined();

    const deleted = await owner.delete(`/api/organizations/${org.id}`);
    expect(deleted.status).toBe(204);
    expect(await orgRow()).toBeUndefined();
    expect(await db.select().from(member).where(eq(member.organizationId, org.id))).toEqual([]);
    expect(await db.select().from(invitation).where(eq(invitation.organizationId, org.id))).toEqual(
      [],
    );
    expect(
      await db
        .select()
        .from(organizationActivity)
        .where(eq(organizationActivity.organizationId, org.id)),
    ).toEqual([]);
    expect(await db.select().from(session).where(eq(session.activeOrganizationId, org.id))).toEqual(
      [],
    );
    expect(await activeOrganization(regular.client)).toBeNull();

    expect((await owner.get(`/api/organizations/${org.id}`)).status).toBe(404);
    const link = await owner.get(`/api/invitations/${token}`);
    expect(link.status).toBe(404);
    expect(link.body.error.code).toBe('INVITATION_NOT_FOUND');
    // The people remain; only their membership went.
    expect((await regular.client.get('/api/organizations')).body.organizations).toEqual([]);
    expect((await admin.client.get('/api/auth/get-session')).status).toBe(200);
  });
});
