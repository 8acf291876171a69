import { kitRoles, type RoleSet } from '@kit/auth/roles';
import { findOrganizationRuntime } from './runtime';

export type { RoleSet };

/** The role set the services decide with: the kit's in scope, else the kit's default roles. */
export function currentRoles(): RoleSet {
  return findOrganizationRuntime()?.roles ?? kitRoles;
}

const article = (words: string) => `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;

/** "an owner", "an owner or admin": the roles as a noun phrase for messages. */
export function roleNoun(roles: readonly string[], set: RoleSet = currentRoles()): string {
  return article(set.list(roles, 'or'));
}
