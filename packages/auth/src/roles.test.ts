import { describe, expect, it } from 'vitest';
import { defineRoles, kitRoles, type RoleSetDefinition } from './roles';
import { rolesWithBilling } from './testing';

describe('the kit roles', () => {
  it('lets owners and admins invite and cancel, members not', () => {
    expect(kitRoles.can('owner', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(kitRoles.can('admin', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(kitRoles.can('member', { invitation: ['create'] })).toBe(false);
  });

  it('reserves deleting the organization and transferring ownership for owners', () => {
    expect(kitRoles.holders({ organization: ['delete'] })).toEqual(['owner']);
    expect(kitRoles.holders({ organization: ['transfer'] })).toEqual(['owner']);
    expect(kitRoles.holders({ organization: ['update'] })).toEqual(['owner', 'admin']);
  });

  it('never grants a role above the actor’s own', () => {
    expect(kitRoles.assignable('owner')).toEqual(['owner', 'admin', 'member']);
    expect(kitRoles.assignable('admin')).toEqual(['admin', 'member']);
    expect(kitRoles.assignable('member')).toEqual([]);
    expect(kitRoles.assigners('owner')).toEqual(['owner']);
  });

  it('recognises only its own roles, never inherited properties', () => {
    expect(kitRoles.isRole('admin')).toBe(true);
    for (const value of ['superuser', 'toString', '__proto__', 'constructor', undefined, 1]) {
      expect(kitRoles.isRole(value), String(value)).toBe(false);
      expect(kitRoles.can(value as string, { activity: ['read'] })).toBe(false);
      expect(kitRoles.mayAssign('owner', value as string)).toBe(false);
    }
    expect(kitRoles.asRole('superuser')).toBe(kitRoles.defaultRole);
  });

  it('words roles by their labels', () => {
    expect(kitRoles.label('admin')).toBe('Admin');
    expect(kitRoles.label('superuser')).toBe('superuser');
    expect(kitRoles.list()).toBe('owner, admin or member');
    expect(kitRoles.list(['owner', 'admin'], 'and')).toBe('owner and admin');
  });
});

describe('a role set with an added role', () => {
  it('gives the new role its permissions and nothing about members', () => {
    expect(rolesWithBilling.can('billing', { activity: ['read'] })).toBe(true);
    expect(rolesWithBilling.can('billing', { member: ['delete'] })).toBe(false);
    expect(rolesWithBilling.can('billing', { invitation: ['create'] })).toBe(false);
    expect(rolesWithBilling.holders({ member: ['delete'] })).toEqual(['owner', 'admin']);
  });

  it('lets owners and admins hand it out, and the new role hand out nothing', () => {
    expect(rolesWithBilling.assigners('billing')).toEqual(['owner', 'admin']);
    expect(rolesWithBilling.assignable('billing')).toEqual([]);
    expect(rolesWithBilling.mayAssign('billing', 'member')).toBe(false);
  });

  it('names it in role lists and labels', () => {
    expect(rolesWithBilling.isRole('billing')).toBe(true);
    expect(rolesWithBilling.label('billing')).toBe('Billing');
    expect(rolesWithBilling.list()).toBe('owner, admin, member or billing');
    expect(kitRoles.isRole('billing')).toBe(false);
  });
});

describe('defineRoles', () => {
  it('refuses a definition that names a role it does not define', () => {
    const definition: RoleSetDefinition<'owner' | 'member'> = {
      roles: {
        owner: { label: 'Owner', description: '', permissions: {}, assigns: ['member'] },
        member: { label: 'Member', description: '', permissions: {}, assigns: [] },
      },
      owner: 'owner',
      formerOwner: 'member',
      defaultRole: 'member',
    };
    expect(() => defineRoles({ ...definition, defaultRole: 'guest' as 'member' })).toThrow(
      'defaultRole names an unknown role "guest"',
    );
    expect(() =>
      defineRoles({
        ...definition,
        roles: {
          ...definition.roles,
          member: { ...definition.roles.member, assigns: ['admin' as 'member'] },
        },
      }),
    ).toThrow('member.assigns names an unknown role "admin"');
  });
});
