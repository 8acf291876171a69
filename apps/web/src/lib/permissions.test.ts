import * as server from '@kit/auth/permissions';
import { describe, expect, it } from 'vitest';
import { asRole, can, canManageMember, grantableRoles, roleOptions, ROLES } from './permissions';

describe('roles mirrored from @kit/auth/permissions', () => {
  it('has the same roles and the same grantable roles for each', () => {
    expect([...ROLES]).toEqual([...server.ROLES]);
    for (const role of ROLES) expect(grantableRoles(role)).toEqual(server.grantableRoles(role));
  });

  it('offers controls exactly where the server grants the permission', () => {
    for (const role of ROLES) {
      expect(can.invite(role), role).toBe(server.hasPermission(role, { invitation: ['create'] }));
      expect(can.manageMembers(role), role).toBe(
        server.hasPermission(role, { member: ['update', 'delete'] }),
      );
      expect(can.readActivity(role), role).toBe(server.hasPermission(role, { activity: ['read'] }));
      expect(can.updateOrganization(role), role).toBe(
        server.hasPermission(role, { organization: ['update'] }),
      );
      expect(can.deleteOrganization(role), role).toBe(
        server.hasPermission(role, { organization: ['delete'] }),
      );
    }
  });
});

describe('canManageMember', () => {
  it('lets owners manage anyone but themselves', () => {
    expect(canManageMember('owner', { role: 'owner', isSelf: false })).toBe(true);
    expect(canManageMember('owner', { role: 'member', isSelf: false })).toBe(true);
    expect(canManageMember('owner', { role: 'owner', isSelf: true })).toBe(false);
  });

  it('keeps admins away from owners and members away from everyone', () => {
    expect(canManageMember('admin', { role: 'owner', isSelf: false })).toBe(false);
    expect(canManageMember('admin', { role: 'admin', isSelf: false })).toBe(true);
    expect(canManageMember('admin', { role: 'member', isSelf: false })).toBe(true);
    expect(canManageMember('member', { role: 'member', isSelf: false })).toBe(false);
  });
});

describe('roleOptions', () => {
  it('lists the grantable roles, keeping a higher current role visible', () => {
    expect(roleOptions('owner', 'member')).toEqual(['owner', 'admin', 'member']);
    expect(roleOptions('admin', 'member')).toEqual(['admin', 'member']);
    expect(roleOptions('member', 'owner')).toEqual(['owner', 'member']);
  });

  it('reads unknown roles as member', () => {
    expect(asRole('owner')).toBe('owner');
    expect(asRole('superuser')).toBe('member');
    expect(asRole(undefined)).toBe('member');
  });
});
