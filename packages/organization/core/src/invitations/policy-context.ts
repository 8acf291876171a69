import type { Role } from '@kit/auth/permissions';
import type { Transaction } from '@kit/database';
import type {
  ActingMember,
  OperationSource,
  OrganizationSummary,
  PolicyDatabase,
} from '@kit/organization-policies';
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
  ...(actor.apiKey ? { apiKey: { id: actor.apiKey.id, name: actor.apiKey.name } } : {}),
});

/** A REST call (`api`) made with an API key is `api-key`; other sources stay as they are. */
export const sourceOf = (actor: Actor, source: OperationSource): OperationSource =>
  actor.apiKey && source === 'api' ? 'api-key' : source;
