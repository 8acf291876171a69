import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Messages delivered by the development mailbox transport, readable at /dev/mailbox. */
export const mailboxMessage = pgTable(
  'mailbox_message',
  {
    id: text('id').primaryKey(),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_message_to_created_idx').on(t.to, t.createdAt)],
);

/**
 * The transactional outbox: a message is recorded in the same transaction as the change that
 * causes it, and the delivery worker sends it (with retries) after commit.
 */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    /** Sent to the provider so that a retry of the same message is not delivered twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    to: text('to').notNull(),
    from: text('from').notNull(),
    subject: text('subject').notNull(),
    /**
     * The html and text parts, sealed with AES-256-GCM under a key derived from the app secret
     * (they hold live links: invitations, password resets); or, for a message with a
     * `template`, that template's props, sealed the same way and rendered at delivery. Null
     * once purged: after delivery, failure or cancellation, plus EMAIL_BODY_RETENTION_HOURS.
     */
    body: text('body'),
    /** Set when the body holds a template's props (rendered at delivery) rather than its HTML. */
    template: text('template'),
    /** When the body is purged (set when the message reaches a final state). */
    bodyPurgeAt: timestamp('body_purge_at', { withTimezone: true }),
    /**
     * queued → sending → sent, or back to queued with a later next_attempt_at, or failed; or
     * canceled (its organization was deleted before it went out).
     */
    status: text('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While sending: the lease; a crashed worker's rows become claimable again after it. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    /** Set for invitation emails: their delivery status is shown on the invitation. */
    invitationId: text('invitation_id'),
    /**
     * The organization the message is about (invitations): deleting the organization cancels
     * it. No foreign key, so that a deleted organization stays recognisable here.
     */
    organizationId: text('organization_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('queued', 'sending')`),
    index('email_outbox_invitation_idx').on(t.invitationId),
    index('email_outbox_organization_idx')
      .on(t.organizationId)
      .where(sql`status in ('queued', 'sending')`),
    index('email_outbox_body_purge_idx')
      .on(t.bodyPurgeAt)
      .where(sql`body is not null`),
  ],
);
