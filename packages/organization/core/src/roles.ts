import { AsyncLocalStorage } from 'node:async_hooks';
import { kitRoles, type RoleSet } from '@kit/auth/roles';

export type { RoleSet };

const scope = new AsyncLocalStorage<RoleSet>();

/** The role set the services decide with: the one in scope (`withRoles`), else the kit's own. */
export function currentRoles(): RoleSet {
  return scope.getStore() ?? kitRoles;
}

/** Runs `fn` (and everything it awaits) with `roles` as the role set of every service call. */
export function withRoles<T>(roles: RoleSet, fn: () => T): T {
  return scope.run(roles, fn);
}

const article = (words: string) => `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;

/** "an owner", "an owner or admin": the roles as a noun phrase for messages. */
export function roleNoun(roles: readonly string[], set: RoleSet = currentRoles()): string {
  return article(set.list(roles, 'or'));
}
