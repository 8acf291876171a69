import { createAccessControl } from 'better-auth/plugins/access';

/**
 * The one place roles are defined: what exists (statements), who holds what (permissions), who may
 * hand out which role, and the words people see. better-auth's access control, every server
 * check, the web app and the emails read them from here. Browser-safe: no server code.
 *
 * To add a role, add an entry to `kitRoles` below (and, if a decision needs a new action, to
 * `statements`). Nothing else names roles.
 */
export const statements = {
  organization: ['update', 'delete', 'transfer'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel', 'resend'],
  activity: ['read'],
  webhook: ['manage'],
  apiKey: ['manage'],
} as const;

export type Statements = typeof statements;
export type Resource = keyof Statements;
export type Permission = { [R in Resource]?: readonly Statements[R][number][] };

export interface RoleDefinition<Id extends string = string> {
  /** Shown in the web app and in emails ("Admin"; emails lower-case it mid-sentence). */
  label: string;
  /** One sentence for role pickers. */
  description: string;
  permissions: Permission;
  /**
   * Roles this role may hand out (invitations, role changes). The same list bounds whose
   * membership it may change or remove: nobody manages a member holding a role they could not grant.
   */
  assigns: readonly Id[];
}

export interface RoleSetDefinition<Id extends string> {
  /** In display order: role pickers and lists show them in this order. */
  roles: { readonly [K in Id]: RoleDefinition<Id> };
  /**
   * The creator's role: who creates an organization holds it, an organization always keeps at
   * least one member holding it, and transferring ownership hands it over.
   */
  owner: NoInfer<Id>;
  /** The previous owner's role after transferring ownership. */
  formerOwner: NoInfer<Id>;
  /** The role of an invitation that names none; a stored role the set no longer knows reads as it. */
  defaultRole: NoInfer<Id>;
}

/** A value describing every role; pass it around (the kit's own is `kitRoles`). */
export interface RoleSet<Id extends string = string> {
  /** Role ids in display order. */
  readonly ids: readonly Id[];
  readonly owner: Id;
  readonly formerOwner: Id;
  readonly defaultRole: Id;
  /** What the set was built from: spread it into `defineRoles` to derive another set. */
  readonly definition: RoleSetDefinition<Id>;
  /** better-auth's access control and its roles, for the organization plugin (`ac`, `roles`). */
  readonly ac: ReturnType<typeof createAccessControl<Statements>>;
  readonly roles: Record<
    Id,
    ReturnType<ReturnType<typeof createAccessControl<Statements>>['newRole']>
  >;
  /** Whether `value` is one of this set's role ids (own properties only: never `toString`). */
  isRole(value: unknown): value is Id;
  /** `value` if it is a role of this set, else the default role. */
  asRole(value: unknown): Id;
  /** Whether `role` holds every action of `permission`; false for an unknown role. */
  can(role: string, permission: Permission): boolean;
  /** Whether `actor` may hand out `target` (and so change or remove a member holding it). */
  mayAssign(actor: string, target: string): boolean;
  /** The roles `actor` may hand out, in display order. */
  assignable(actor: string): Id[];
  /** The roles that hold `permission`, in display order. */
  holders(permission: Permission): Id[];
  /** The roles that may hand out `target`, in display order. */
  assigners(target: string): Id[];
  isOwner(role: string): boolean;
  /** "Admin"; an unknown role reads as itself. */
  label(role: string): string;
  description(role: string): string;
  /** The labels of `roles` (all by default), lower-cased, as a sentence: "owner, admin or member". */
  list(roles?: readonly string[], conjunction?: 'or' | 'and'): string;
}

export type RoleId<S> = S extends RoleSet<infer Id> ? Id : never;

/** `['a', 'b', 'c']` → "a, b or c". */
export function sentence(words: readonly string[], conjunction: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

/** Builds a role set, refusing definitions that name roles it does not define. */
export function defineRoles<const Id extends string>(
  definition: RoleSetDefinition<Id>,
): RoleSet<Id> {
  const ids = Object.keys(definition.roles) as Id[];
  const known = (value: unknown): value is Id =>
    typeof value === 'string' && Object.hasOwn(definition.roles, value);
  const named: [string, unknown][] = [
    ['owner', definition.owner],
    ['formerOwner', definition.formerOwner],
    ['defaultRole', definition.defaultRole],
    ...ids.flatMap((id) =>
      definition.roles[id].assigns.map((r): [string, unknown] => [`${id}.assigns`, r]),
    ),
  ];
  for (const [where, value] of named) {
    if (!known(value)) throw new Error(`defineRoles: ${where} names an unknown role "${value}".`);
  }

  const ac = createAccessControl(statements);
  const roles = Object.fromEntries(
    ids.map((id) => [id, ac.newRole(definition.roles[id].permissions)]),
  ) as RoleSet<Id>['roles'];
  const can = (role: string, permission: Permission) =>
    known(role) && roles[role].authorize(permission).success;
  const mayAssign = (actor: string, target: string) =>
    known(actor) && known(target) && definition.roles[actor].assigns.includes(target);
  const label = (role: string) => (known(role) ? definition.roles[role].label : role);

  return {
    ids,
    owner: definition.owner,
    formerOwner: definition.formerOwner,
    defaultRole: definition.defaultRole,
    definition,
    ac,
    roles,
    isRole: known,
    asRole: (value) => (known(value) ? value : definition.defaultRole),
    can,
    mayAssign,
    assignable: (actor) => ids.filter((id) => mayAssign(actor, id)),
    holders: (permission) => ids.filter((id) => can(id, permission)),
    assigners: (target) => ids.filter((id) => mayAssign(id, target)),
    isOwner: (role) => role === definition.owner,
    label,
    description: (role) => (known(role) ? definition.roles[role].description : ''),
    list: (subset = ids, conjunction = 'or') =>
      sentence(
        subset.map((r) => label(r).toLowerCase()),
        conjunction,
      ),
  };
}

/** The kit's roles. */
export const kitRoles = defineRoles({
  roles: {
    owner: {
      label: 'Owner',
      description: 'Full control, including deleting the organization and transferring ownership.',
      permissions: {
        organization: ['update', 'delete', 'transfer'],
        member: ['create', 'update', 'delete'],
        invitation: ['create', 'cancel', 'resend'],
        activity: ['read'],
        webhook: ['manage'],
        apiKey: ['manage'],
      },
      assigns: ['owner', 'admin', 'member'],
    },
    admin: {
      label: 'Admin',
      description: 'Manages members, invitations and settings.',
      permissions: {
        organization: ['update'],
        member: ['create', 'update', 'delete'],
        invitation: ['create', 'cancel', 'resend'],
        activity: ['read'],
        webhook: ['manage'],
        apiKey: ['manage'],
      },
      assigns: ['admin', 'member'],
    },
    member: {
      label: 'Member',
      description: 'Works in the organization; cannot manage people or settings.',
      permissions: {},
      assigns: [],
    },
  },
  owner: 'owner',
  formerOwner: 'admin',
  defaultRole: 'member',
});

/** A role id of the kit's own role set. */
export type KitRole = RoleId<typeof kitRoles>;
/** A role id of whichever role set is in use (a fork's or a test's may hold more). */
export type Role = string;
