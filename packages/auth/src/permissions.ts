import { createAccessControl } from 'better-auth/plugins/access';

/**
 * The one place roles and permissions are defined. better-auth's organization plugin,
 * the kit's services and the web app all read them from here.
 */
export const statements = {
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel', 'resend'],
  activity: ['read'],
} as const;

export const accessControl = createAccessControl(statements);

export const roles = {
  owner: accessControl.newRole({
    organization: ['update', 'delete'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel', 'resend'],
    activity: ['read'],
  }),
  admin: accessControl.newRole({
    organization: ['update'],
    member: ['create', 'update', 'delete'],
    invitation: ['create', 'cancel', 'resend'],
    activity: ['read'],
  }),
  member: accessControl.newRole({
    organization: [],
    member: [],
    invitation: [],
    activity: [],
  }),
};

export type Role = keyof typeof roles;
export type Resource = keyof typeof statements;
export type Permission = { [R in Resource]?: (typeof statements)[R][number][] };

export const ROLES = ['owner', 'admin', 'member'] as const satisfies readonly Role[];

/** Higher rank = more authority. Nobody grants a role above their own. */
const rank: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** Own keys only: `in` would also accept inherited names such as "constructor" or "__proto__". */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(rank, value);
}

export function roleRank(role: Role): number {
  return rank[role];
}

/** Roles `actor` may hand out (on invitations and role changes). */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => rank[role] <= rank[actor]);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return roles[role].authorize(permission).success;
}
