import type { ActivityItem } from './organizations';
import { roles, roleWord } from './permissions';

const roleName = (value: unknown) =>
  roleWord(typeof value === 'string' ? value : roles.defaultRole);

export type ActivitySentence = {
  /** Who did it ("Olivia Owens", "API key HR sync", or "Someone" when the account is gone). */
  actor: string;
  /** The rest of the sentence ("invited bob@x.com as member"). */
  text: string;
};

/**
 * A readable sentence for an activity log entry, e.g. "Olivia invited Bob Stone as member": people
 * by their name where it is known (their email otherwise), the organization by its name.
 */
export function describeActivity(
  item: ActivityItem,
  { organizationName }: { organizationName?: string } = {},
): ActivitySentence {
  // A change made with an API key names the key (its name when it was made), not its creator.
  const actor = item.apiKey
    ? `API key ${item.apiKey.name}`
    : item.actor
      ? item.actor.name || item.actor.email
      : 'Someone';
  const target = item.targetName || item.targetLabel || 'someone';
  const organization = organizationName ?? 'the organization';
  const data = item.data ?? {};
  const changes = (data.changes ?? {}) as Record<string, unknown>;

  switch (item.action) {
    case 'organization.created':
      return { actor, text: `created the organization ${target}` };
    case 'organization.updated': {
      const parts: string[] = [];
      if (typeof changes.name === 'string')
        parts.push(`renamed the organization to ${changes.name}`);
      if (typeof changes.slug === 'string')
        parts.push(
          parts.length
            ? `changed its URL slug to “${changes.slug}”`
            : `changed the URL slug of ${organization} to “${changes.slug}”`,
        );
      return {
        actor,
        text: parts.length ? parts.join(' and ') : `updated the settings of ${organization}`,
      };
    }
    case 'invitation.created':
      return { actor, text: `invited ${target} as ${roleName(data.role)}` };
    case 'invitation.resent':
      return { actor, text: `resent the invitation to ${target}` };
    case 'invitation.canceled':
      return { actor, text: `canceled the invitation to ${target}` };
    case 'invitation.accepted':
      return {
        actor,
        text: `accepted the invitation${data.role ? ` and joined as ${roleName(data.role)}` : ''}`,
      };
    case 'invitation.declined':
      return item.actor
        ? { actor, text: 'declined the invitation' }
        : { actor: target, text: 'declined the invitation' };
    case 'invitation.expired':
      return { actor: 'The invitation', text: `to ${target} expired` };
    case 'member.role_changed':
      return {
        actor,
        text: `changed ${target}'s role${data.from ? ` from ${roleName(data.from)}` : ''} to ${roleName(data.to)}`,
      };
    case 'member.removed':
      return { actor, text: `removed ${target} from the organization` };
    case 'member.left':
      // A deleted account's entry has no actor left; its target reads "Deleted user".
      return { actor: item.actor ? actor : target, text: 'left the organization' };
    case 'ownership.transferred':
      return { actor, text: `transferred ownership to ${target}` };
    case 'invite_link.created':
      return {
        actor,
        text: `created an invite link for ${roleName(data.role)}${data.requiresApproval ? ' (approval needed)' : ''}`,
      };
    case 'invite_link.revoked':
      return { actor, text: 'revoked an invite link' };
    case 'invite_link.used':
      return {
        actor,
        text: `joined through an invite link${data.role ? ` as ${roleName(data.role)}` : ''}`,
      };
    case 'join_request.created':
      return { actor, text: 'asked to join' };
    case 'join_request.approved':
      return {
        actor,
        text: `approved ${target}'s request to join${data.role ? ` as ${roleName(data.role)}` : ''}`,
      };
    case 'join_request.rejected':
      return { actor, text: `rejected ${target}'s request to join` };
    case 'join_request.withdrawn':
      return { actor, text: 'withdrew their request to join' };
    case 'domain.added':
      return { actor, text: `added the domain ${target}` };
    case 'domain.verified':
      return { actor, text: `verified the domain ${target}` };
    case 'domain.removed':
      return { actor, text: `removed the domain ${target}` };
    case 'domain.mode_changed':
      return {
        actor,
        text: `set enrollment for ${target} to ${String(data.to ?? '').replace(/_/g, ' ')}`,
      };
    case 'domain.member_joined':
      return {
        actor,
        text: `joined through the verified domain${data.domain ? ` ${String(data.domain)}` : ''}`,
      };
    case 'api_key.created':
      return { actor, text: `created the API key ${target}` };
    case 'api_key.revoked':
      return { actor, text: `revoked the API key ${target}` };
    case 'member.metadata_updated':
      return { actor, text: `updated the metadata of ${target}` };
    default:
      return {
        actor,
        text: `${item.action.replace(/[._]/g, ' ')}${item.targetLabel ? ` (${target})` : ''}`,
      };
  }
}
