import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organization, user } from './auth';

/**
 * The ways to join an organization without an emailed invitation: shareable invite links,
 * join requests (apply, then an owner or admin approves) and verified email domains.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A link an owner or admin shares; its token is stored only as a SHA-256 hash. */
export const inviteLink = pgTable(
  'invite_link',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Null: no limit. */
    maxUses: integer('max_uses'),
    /** People who joined (or asked to join) through the link; bumped under the organization lock. */
    uses: integer('uses').notNull().default(0),
    /** Lower-cased domains an address must belong to (or be a subdomain of); empty: any. */
    allowedDomains: text('allowed_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Joining creates a join request for an owner or admin to approve instead of a member. */
    requiresApproval: boolean('requires_approval').notNull().default(false),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('invite_link_organization_idx').on(t.organizationId, t.createdAt)],
);

/**
 * A person who signed up through a link and has not verified their address yet: the membership
 * (or join request) is made when they do.
 */
export const inviteLinkSignup = pgTable('invite_link_signup', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  linkId: text('link_id')
    .notNull()
    .references(() => inviteLink.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
});

/** "Let me in": decided by an owner or admin, withdrawn by the requester, or expired. */
export const joinRequest = pgTable(
  'join_request',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** pending | approved | rejected | withdrawn | expired */
    status: text('status').notNull().default('pending'),
    /** Where it came from: `invite-link` or `domain`. */
    source: text('source').notNull(),
    inviteLinkId: text('invite_link_id').references(() => inviteLink.id, { onDelete: 'set null' }),
    domainId: text('domain_id'),
    /** The role the link offers (approvers may choose another); null: the default role. */
    role: text('role'),
    message: text('message'),
    /** The reason given when rejecting, shown to the requester. */
    reason: text('reason'),
    decidedBy: text('decided_by').references(() => user.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    memberId: text('member_id'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('join_request_organization_status_idx').on(t.organizationId, t.status, t.createdAt),
    index('join_request_user_idx').on(t.userId),
    // One pending request per person and organization, whatever the race.
    uniqueIndex('join_request_pending_uidx')
      .on(t.organizationId, t.userId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * An email domain an organization claims. Affiliation is proved with a 6-digit code emailed to an
 * address at the domain (only its hash is stored). A domain is verified by at most one
 * organization at a time (the partial unique index): the first to verify holds it until it
 * removes the domain or is deleted; others may add it but cannot verify it meanwhile.
 */
export const organizationDomain = pgTable(
  'organization_domain',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /** Lower-cased, without @. */
    domain: text('domain').notNull(),
    /** The address at the domain the code was sent to. */
    verificationEmail: text('verification_email').notNull(),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true }),
    /** Wrong codes entered for the current code. */
    attempts: integer('attempts').notNull().default(0),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** manual | automatic_invitation | automatic_suggestion */
    enrollmentMode: text('enrollment_mode').notNull().default('manual'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organization_domain_org_domain_uidx').on(t.organizationId, t.domain),
    uniqueIndex('organization_domain_verified_uidx')
      .on(t.domain)
      .where(sql`verified_at is not null`),
  ],
);
