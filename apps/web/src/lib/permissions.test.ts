import { kitRoles } from '@kit/auth/roles';
import { describe, expect, it } from 'vitest';
import { can, canManageMember, roleOptions, roles } from './permissions';

describe('the web app’s roles', () => {
  it('are the kit’s role set itself, not a copy', () => {
    expect(roles).toBe(kitRoles);
  });

  it('offers controls exactly where the role set grants the permission', () => {
    for (const role of roles.ids) {
      expect(can.invite(role), role).toBe(roles.can(role, { invitation: ['create'] }));
      expect(can.deleteOrganization(role), role).toBe(
        roles.can(role, { organization: ['delete'] }),
      );
    }
    expect(can.invite('admin')).toBe(true);
    expect(can.invite('member')).toBe(false);
    expect(can.transferOwnership('owner')).toBe(true);
    expect(can.transferOwnership('admin')).toBe(false);
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
  it('lists the roles the actor may grant, in the set’s order, keeping the current role visible', () => {
    for (const actor of roles.ids) {
      for (const current of roles.ids) {
        const options = roleOptions(actor, current);
        expect(options).toContain(current);
        for (const role of roles.assignable(actor)) expect(options).toContain(role);
        for (const role of options)
          expect(role === current || roles.mayAssign(actor, role)).toBe(true);
        expect(options).toEqual(roles.ids.filter((role) => options.includes(role)));
      }
    }
    // An admin sees an owner's role in the menu without being offered it for anyone else.
    expect(roleOptions('admin', 'owner')).toContain('owner');
    expect(roleOptions('admin', 'member')).not.toContain('owner');
  });

  it('reads unknown roles as the default role', () => {
    expect(roles.asRole('owner')).toBe('owner');
    expect(roles.asRole('superuser')).toBe(roles.defaultRole);
    expect(roles.asRole(undefined)).toBe(roles.defaultRole);
  });
});
