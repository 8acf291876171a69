import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';

/**
 * An organization's API keys (`Authorization: Bearer kit_…`). Only a SHA-256 hash of the secret
 * is stored: the secret is shown once, when the key is created, and later only by its prefix.
 * A key acts for the person who created it, within its organization and scopes.
 */
export const organizationApiKey = pgTable(
  'organization_api_key',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The first characters of the secret, to tell keys apart in lists. */
    prefix: text('prefix').notNull(),
    /** Hex SHA-256 of the whole secret; requests find their key by it. */
    secretHash: text('secret_hash').notNull().unique(),
    /** `invitations:read`, `invitations:write`, `members:read`, `members:write`. */
    scopes: text('scopes').array().notNull(),
    /** Null once the creator's account is gone: the key then stops working. */
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Updated at most once a minute. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organization_api_key_org_idx').on(t.organizationId, t.createdAt)],
);
