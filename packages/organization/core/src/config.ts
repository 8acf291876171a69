import { parseEnv } from '@kit/database';
import { z } from 'zod';

const schema = z.object({
  INVITATION_EXPIRES_IN_DAYS: z.coerce.number().positive().max(365).default(7),
});

let cached: { key: string | undefined; config: { invitationExpiresInMs: number } } | undefined;

/** Validated once per distinct value (every invitation reads it; tests change it). */
export function organizationConfig() {
  const key = process.env.INVITATION_EXPIRES_IN_DAYS;
  if (!cached || cached.key !== key) {
    const env = parseEnv('@kit/organization', schema);
    cached = {
      key,
      config: { invitationExpiresInMs: env.INVITATION_EXPIRES_IN_DAYS * 24 * 60 * 60 * 1000 },
    };
  }
  return cached.config;
}

/** When an invitation created (or resent) now stops working. */
export const newInvitationExpiry = (): Date =>
  new Date(Date.now() + organizationConfig().invitationExpiresInMs);
