import { describe, expect, it } from 'vitest';
import { defineRoles, kitRoles, type RoleSetDefinition } from './roles';
import { rolesWithAuditor } from './testing';

/**
 * A role set written out here, so these tests pin defineRoles' behaviour and not whatever
 * roles.ts holds today (a fork edits that file; its tests stay green).
 */
const teamRoles = defineRoles({
  roles: {
    owner: {
      label: 'Owner',
      description: 'Everything.',
      permissions: {
        organization: ['update', 'delete', 'transfer'],
        member: ['create', 'update', 'delete'],
        invitation: ['create', 'cancel', 'resend'],
        activity: ['read'],
      },
      assigns: ['owner', 'admin', 'member'],
    },
    admin: {
      label: 'Admin',
      description: 'People and settings.',
      permissions: {
        organization: ['update'],
        member: ['create', 'update', 'delete'],
        invitation: ['create', 'cancel', 'resend'],
        activity: ['read'],
      },
      assigns: ['admin', 'member'],
    },
    member: { label: 'Member', description: 'Works here.', permissions: {}, assigns: [] },
  },
  owner: 'owner',
  formerOwner: 'admin',
  defaultRole: 'member',
});

describe('a role set', () => {
  it('answers permission questions from each role’s permissions', () => {
    expect(teamRoles.can('owner', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(teamRoles.can('admin', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(teamRoles.can('member', { invitation: ['create'] })).toBe(false);
  });

  it('lists the holders of a permission in the set’s order', () => {
    expect(teamRoles.holders({ organization: ['delete'] })).toEqual(['owner']);
    expect(teamRoles.holders({ organization: ['transfer'] })).toEqual(['owner']);
    expect(teamRoles.holders({ organization: ['update'] })).toEqual(['owner', 'admin']);
  });

  it('lets a role hand out only the roles it assigns', () => {
    expect(teamRoles.assignable('owner')).toEqual(['owner', 'admin', 'member']);
    expect(teamRoles.assignable('admin')).toEqual(['admin', 'member']);
    expect(teamRoles.assignable('member')).toEqual([]);
    expect(teamRoles.assigners('owner')).toEqual(['owner']);
  });

  it('recognises only its own roles, never inherited properties', () => {
    for (const set of [teamRoles, kitRoles]) {
      expect(set.isRole(set.owner)).toBe(true);
      for (const value of ['superuser', 'toString', '__proto__', 'constructor', undefined, 1]) {
        expect(set.isRole(value), String(value)).toBe(false);
        expect(set.can(value as string, { activity: ['read'] })).toBe(false);
        expect(set.mayAssign(set.owner, value as string)).toBe(false);
      }
      expect(set.asRole('superuser')).toBe(set.defaultRole);
    }
  });

  it('words roles by their labels', () => {
    expect(teamRoles.label('admin')).toBe('Admin');
    expect(teamRoles.label('superuser')).toBe('superuser');
    expect(teamRoles.list()).toBe('owner, admin or member');
    expect(teamRoles.list(['owner', 'admin'], 'and')).toBe('owner and admin');
  });
});

describe('the kit roles (roles.ts)', () => {
  it('give the owner role every permission, so ownership can always be managed', () => {
    expect(kitRoles.can(kitRoles.owner, { organization: ['update', 'delete', 'transfer'] })).toBe(
      true,
    );
    expect(kitRoles.assignable(kitRoles.owner)).toContain(kitRoles.owner);
    expect(kitRoles.isRole(kitRoles.defaultRole)).toBe(true);
  });
});

describe('a role set with an added role', () => {
  it('gives the new role its permissions and nothing about members', () => {
    expect(rolesWithAuditor.can('auditor', { activity: ['read'] })).toBe(true);
    expect(rolesWithAuditor.can('auditor', { member: ['delete'] })).toBe(false);
    expect(rolesWithAuditor.can('auditor', { invitation: ['create'] })).toBe(false);
    expect(rolesWithAuditor.holders({ member: ['delete'] })).toEqual(['owner', 'admin']);
  });

  it('lets owners and admins hand it out, and the new role hand out nothing', () => {
    expect(rolesWithAuditor.assigners('auditor')).toEqual(['owner', 'admin']);
    expect(rolesWithAuditor.assignable('auditor')).toEqual([]);
    expect(rolesWithAuditor.mayAssign('auditor', 'member')).toBe(false);
  });

  it('names it in role lists and labels', () => {
    expect(rolesWithAuditor.isRole('auditor')).toBe(true);
    expect(rolesWithAuditor.label('auditor')).toBe('Auditor');
    expect(rolesWithAuditor.list()).toMatch(/ or auditor$/);
    expect(kitRoles.isRole('auditor')).toBe(false);
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
