import { allow, definePolicy, deny } from '@kit/policies';
import type { InvitationCreateContext } from '../types';

/**
 * Only addresses at the listed domains (and their subdomains) may be invited.
 *
 * @example invitationCreateRegistry.registerPolicy(allowedEmailDomainsPolicy({ domains: ['acme.com'] }));
 */
export function allowedEmailDomainsPolicy({ domains }: { domains: string[] }) {
  const allowed = domains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
  if (allowed.length === 0) throw new Error('allowedEmailDomainsPolicy: give at least one domain');
  return definePolicy<InvitationCreateContext>({
    id: 'invitation-create.allowed-email-domains',
    description: `Invitations only to ${allowed.join(', ')}`,
    evaluate: (context) => {
      // A pre-check before the address is known: the address is checked when it is entered.
      if (context.email === null) return allow();
      const domain = context.email.slice(context.email.lastIndexOf('@') + 1).toLowerCase();
      const ok = allowed.some((d) => domain === d || domain.endsWith(`.${d}`));
      return ok
        ? allow()
        : deny({
            code: 'EMAIL_DOMAIN_NOT_ALLOWED',
            message: `Invitations can only be sent to ${allowed.map((d) => `@${d}`).join(', ')} addresses.`,
            remediation: 'Invite a work address at an allowed domain.',
            metadata: { domain, allowed },
          });
    },
  });
}
