import type { Permission, Role } from '@kit/auth/roles';
import { member, organization, type Executor } from '@kit/database';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from './actor';
import { fail } from './errors';
import { currentRoles } from './roles';

export interface Membership {
  memberId: string;
  role: Role;
  organization: { id: string; name: string; slug: string; logo: string | null; createdAt: Date };
}

/**
 * The actor's membership in an organization. A non-member gets ORGANIZATION_NOT_FOUND,
 * exactly like a missing organization, so nothing reveals which organizations exist.
 */
export async function requireMembership(
  exec: Executor,
  organizationId: string,
  actor: Actor,
): Promise<Membership> {
  // An API key works for its own organization only; any other looks like one that does not exist.
  if (actor.apiKey && actor.apiKey.organizationId !== organizationId)
    return fail('ORGANIZATION_NOT_FOUND');
  const [row] = await exec
    .select({
      memberId: member.id,
      role: member.role,
      organization: {
        id: organization.id,
        name: organization.name,
        slug: organization.slug,
        logo: organization.logo,
        createdAt: organization.createdAt,
      },
    })
    .from(member)
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.organizationId, organizationId), eq(member.userId, actor.userId)))
    .limit(1)
    // Prepared: every organization route starts with this read, always the same text, so
    // PostgreSQL parses and plans it once per connection (see executePrepared in @kit/database).
    .prepare('require_membership')
    .execute();
  if (!row) return fail('ORGANIZATION_NOT_FOUND');
  return { ...row, role: currentRoles().asRole(row.role) };
}

export function requirePermission(membership: Membership, permission: Permission): void {
  if (!currentRoles().can(membership.role, permission)) fail('INSUFFICIENT_PERMISSIONS');
}

/** Membership plus a permission check, the first two lines of most services. */
export async function requireAuthorized(
  exec: Executor,
  organizationId: string,
  actor: Actor,
  permission: Permission,
): Promise<Membership> {
  const membership = await requireMembership(exec, organizationId, actor);
  requirePermission(membership, permission);
  return membership;
}

/**
 * Refuses a call made with an API key: for what only a person in a session may do (managing
 * keys, ownership, leaving or deleting the organization).
 */
export function requireSessionActor(actor: Actor, action = 'do this'): void {
  if (actor.apiKey)
    fail('API_KEY_NOT_ALLOWED', `An API key cannot ${action}; sign in to the app instead.`);
}

/**
 * Serializes every membership and invitation change of one organization: the row lock makes
 * count-then-write checks (seats, last owner, one invitation per email) safe under concurrency.
 */
export async function lockOrganization(exec: Executor, organizationId: string): Promise<void> {
  const [row] = await exec
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, organizationId))
    .for('update');
  if (!row) fail('ORGANIZATION_NOT_FOUND');
}

/** lockOrganization's statement, for a caller sending it with others (it returns the id, or nothing). */
export const lockOrganizationSql = (organizationId: string): SQL =>
  sql`select ${organization.id} from ${organization} where ${organization.id} = ${organizationId} for update`;
