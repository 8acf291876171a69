/**
 * The roles and what each may do in an organization, as the API enforces them (see
 * `@kit/auth/permissions`). Mirrored here so the browser bundle does not pull in the auth library;
 * `permissions.test.ts` keeps the two in step. The API stays the authority: this only decides which
 * controls to offer.
 */
export const ROLES = ['owner', 'admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Full control, including deleting the organization and transferring ownership.',
  admin: 'Manages members, invitations and settings.',
  member: 'Works in the organization; cannot manage people or settings.',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/** An unknown role from the server counts as the least privileged one. */
export function asRole(value: unknown): Role {
  return isRole(value) ? value : 'member';
}

export function roleRank(role: Role): number {
  return RANK[role];
}

/** Roles `actor` may hand out on invitations and role changes: none above their own. */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter((role) => RANK[role] <= RANK[actor]);
}

const isManager = (role: Role) => role === 'owner' || role === 'admin';

export const can = {
  invite: isManager,
  manageMembers: isManager,
  readActivity: isManager,
  updateOrganization: isManager,
  deleteOrganization: (role: Role) => role === 'owner',
  transferOwnership: (role: Role) => role === 'owner',
};

/**
 * Whether `actor` may change `target`'s role or remove them: managers only, admins never touch
 * owners, and one's own membership is changed by leaving (or transferring ownership) instead.
 */
export function canManageMember(actor: Role, target: { role: Role; isSelf: boolean }): boolean {
  if (target.isSelf || !isManager(actor)) return false;
  return target.role !== 'owner' || actor === 'owner';
}

/** The roles offered in `target`'s role picker: the grantable ones plus their current role. */
export function roleOptions(actor: Role, current: Role): Role[] {
  const roles = grantableRoles(actor);
  return roles.includes(current) ? roles : ROLES.filter((r) => r === current || roles.includes(r));
}
