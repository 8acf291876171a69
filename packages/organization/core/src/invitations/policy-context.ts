import type { Role } from '@kit/auth/permissions';
import type { Transaction } from '@kit/database';
import type { ActingMember, OrganizationSummary, PolicyDatabase } from '@kit/organization-policies';
import { liveHandle } from '@kit/policies';
import type { Actor } from '../actor';
import type { Membership } from '../access';

/** The operation's transaction as policies receive it (by reference, see `PolicyDatabase`). */
export const policyDatabase = (tx: Transaction): PolicyDatabase => liveHandle(tx);

export const organizationSummary = (membership: Membership): OrganizationSummary => ({
  id: membership.organization.id,
  name: membership.organization.name,
  slug: membership.organization.slug,
});

export const actingMember = (actor: Actor, role: Role): ActingMember => ({
  userId: actor.userId,
  name: actor.name,
  email: actor.email,
  role,
});
