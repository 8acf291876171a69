import { describe, expect, it } from 'vitest';
import { grantableRoles, hasPermission, isRole } from './permissions';

describe('roles and permissions', () => {
  it('lets owners and admins invite and cancel, members not', () => {
    expect(hasPermission('owner', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(hasPermission('admin', { invitation: ['create', 'cancel', 'resend'] })).toBe(true);
    expect(hasPermission('member', { invitation: ['create'] })).toBe(false);
  });

  it('reserves deleting the organization for owners', () => {
    expect(hasPermission('owner', { organization: ['delete'] })).toBe(true);
    expect(hasPermission('admin', { organization: ['delete'] })).toBe(false);
    expect(hasPermission('admin', { organization: ['update'] })).toBe(true);
  });

  it('never grants a role above the actor’s own', () => {
    expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'member']);
    expect(grantableRoles('admin')).toEqual(['admin', 'member']);
    expect(grantableRoles('member')).toEqual(['member']);
  });

  it('recognises only the defined roles', () => {
    expect(isRole('admin')).toBe(true);
    expect(isRole('superuser')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'does not take the inherited object key %s for a role',
    (key) => {
      expect(isRole(key)).toBe(false);
    },
  );
});
