import { parseEnv } from '@kit/database';
import { z } from 'zod';

const schema = z.object({
  INVITATION_EXPIRES_IN_DAYS: z.coerce.number().positive().max(365).default(7),
});

export function organizationConfig() {
  const env = parseEnv('@kit/organization', schema);
  return { invitationExpiresInMs: env.INVITATION_EXPIRES_IN_DAYS * 24 * 60 * 60 * 1000 };
}

/** When an invitation created (or resent) now stops working. */
export const newInvitationExpiry = (): Date =>
  new Date(Date.now() + organizationConfig().invitationExpiresInMs);
