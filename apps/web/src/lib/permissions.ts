/**
 * What each role may do in an organization, read from the kit's role set (`@kit/auth/roles`, the
 * one place roles are defined). The API stays the authority: this only decides which controls to
 * offer.
 */
import { kitRoles, sentence, type Role } from '@kit/auth/roles';

export type { Role };

/** The role set the web app offers controls for. */
export const roles = kitRoles;

export const can = {
  invite: (role: Role) => roles.can(role, { invitation: ['create'] }),
  manageMembers: (role: Role) => roles.can(role, { member: ['update', 'delete'] }),
  readActivity: (role: Role) => roles.can(role, { activity: ['read'] }),
  manageWebhooks: (role: Role) => roles.can(role, { webhook: ['manage'] }),
  manageApiKeys: (role: Role) => roles.can(role, { apiKey: ['manage'] }),
  updateOrganization: (role: Role) => roles.can(role, { organization: ['update'] }),
  deleteOrganization: (role: Role) => roles.can(role, { organization: ['delete'] }),
  transferOwnership: (role: Role) => roles.can(role, { organization: ['transfer'] }),
};

/**
 * Whether `actor` may change `target`'s role or remove them: with member permissions, only members
 * holding a role the actor could grant, and one's own membership is changed by leaving (or
 * transferring ownership) instead.
 */
export function canManageMember(actor: Role, target: { role: Role; isSelf: boolean }): boolean {
  if (target.isSelf || !can.manageMembers(actor)) return false;
  return roles.mayAssign(actor, target.role);
}

/** The roles offered in `target`'s role picker: the grantable ones plus their current role. */
export function roleOptions(actor: Role, current: Role): Role[] {
  const assignable = roles.assignable(actor);
  return roles.ids.filter((role) => role === current || assignable.includes(role));
}

/** A role as a sentence names it: its label, lower-cased ("admin"); unknown ones as they are. */
export const roleWord = (role: Role) => roles.label(role).toLowerCase();

/** "an admin", "a member". */
export const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** The role ids a CSV may use: "owner, admin or member". */
export const roleIdList = () => sentence(roles.ids, 'or');
