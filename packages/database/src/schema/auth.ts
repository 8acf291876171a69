import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Tables owned by better-auth (core + organization plugin). Property names are what
 * better-auth expects; column names are snake_case.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

export const user = pgTable('user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    token: text('token').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    activeOrganizationId: text('active_organization_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('session_user_id_idx').on(t.userId)],
);

export const account = pgTable(
  'account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('account_user_id_idx').on(t.userId)],
);

export const verification = pgTable(
  'verification',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('verification_identifier_idx').on(t.identifier)],
);

export const organization = pgTable('organization', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logo: text('logo'),
  metadata: text('metadata'),
  createdAt: createdAt(),
});

export const member = pgTable(
  'member',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    role: text('role').notNull().default('member'),
    /** Free-form data about the membership, carried over from the invitation accepted. */
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('member_organization_user_uidx').on(t.organizationId, t.userId),
    index('member_user_id_idx').on(t.userId),
  ],
);

/**
 * Invitations and activity entries are the rows a bulk import writes by the thousand. Their
 * references (the organization; the inviter or actor) are not declared as foreign keys, which
 * PostgreSQL checks row by row: triggers check each statement's rows at once, taking the same
 * locks, and do what the keys' ON DELETE did (drizzle/0009_references_checked_per_statement.sql):
 * - an insert or update naming an organization or a person that does not exist fails with a
 *   foreign key violation (SQLSTATE 23503, the constraint names below);
 * - deleting an organization deletes its invitations and activity; deleting an account clears
 *   it as inviter and actor. Such deletions run at READ COMMITTED (PostgreSQL's default): the
 *   triggers refuse a stricter isolation level, whose snapshot could miss rows to remove.
 */
export const invitation = pgTable(
  'invitation',
  {
    id: text('id').primaryKey(),
    /** Checked per statement (`invitation_organization_id_organization_id_fk`); see above. */
    organizationId: text('organization_id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull().default('member'),
    status: text('status').notNull().default('pending'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * Null for invitations created by an operator (the CLI's owner invitation). Checked per
     * statement (`invitation_inviter_id_user_id_fk`); see above.
     */
    inviterId: text('inviter_id'),
    createdAt: createdAt(),
    // Kit additions: the link's token is stored only as a SHA-256 hash.
    tokenHash: text('token_hash').notNull().unique(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** The invitation that replaced this one when it was resent. */
    replacedById: text('replaced_by_id'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('invitation_organization_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('invitation_email_idx').on(t.email),
    index('invitation_inviter_idx').on(t.organizationId, t.inviterId),
    // At most one pending invitation per email and organization, whatever the race.
    uniqueIndex('invitation_pending_email_uidx')
      .on(t.organizationId, t.email)
      .where(sql`status = 'pending'`),
  ],
);

/** Invitation and membership events per organization, newest read first. */
export const organizationActivity = pgTable(
  'organization_activity',
  {
    id: text('id').primaryKey(),
    // Both checked per statement, as the invitation's references are (see `invitation`):
    // `organization_activity_organization_id_organization_id_fk`, `…_actor_id_user_id_fk`.
    organizationId: text('organization_id').notNull(),
    actorId: text('actor_id'),
    /** `user`, or `api_key` for a change made with an organization API key (see below). */
    actorType: text('actor_type').notNull().default('user'),
    /**
     * The API key that made the change, and its name at the time (the key may be revoked or
     * renamed later); `actor_id` is then the person who created the key.
     */
    apiKeyId: text('api_key_id'),
    apiKeyName: text('api_key_name'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** Readable description of the target at the time (an email, a member's name). */
    targetLabel: text('target_label'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('organization_activity_org_created_idx').on(t.organizationId, t.createdAt, t.id)],
);
