/**
 * The kit's roles under the names better-auth and existing callers use. The definitions live in
 * `./roles` (the one place to change roles).
 */
import { kitRoles, type Permission, type Role } from './roles';

export * from './roles';

export const accessControl = kitRoles.ac;
export const roles = kitRoles.roles;
export const ROLES = kitRoles.ids;

export const isRole = (value: unknown): value is Role => kitRoles.isRole(value);
export const hasPermission = (role: Role, permission: Permission): boolean =>
  kitRoles.can(role, permission);
/** Roles `actor` may hand out (on invitations and role changes). */
export const grantableRoles = (actor: Role): Role[] => kitRoles.assignable(actor);
