import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organization, user } from './auth';

/** An organization's webhook endpoint: where its events are POSTed, signed with its secret. */
export const webhookEndpoint = pgTable(
  'webhook_endpoint',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** The event types sent to it (`invitation.created`, …). */
    events: text('events').array().notNull(),
    /** enabled | disabled (by a person, or after failing for days: see disabled_reason). */
    status: text('status').notNull().default('enabled'),
    disabledReason: text('disabled_reason'),
    /**
     * The signing secret (`whsec_…`), sealed with AES-256-GCM under a key derived from the app
     * secret and bound to this row: it is needed in clear to sign, so it cannot be hashed.
     */
    secret: text('secret').notNull(),
    /** Since when every delivery attempt has failed; null after a success. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoint_org_idx').on(t.organizationId, t.createdAt)],
);

/**
 * The webhook outbox: one row per event and subscribed endpoint, written in the same
 * transaction as the change (a trigger on organization_activity), delivered by the worker.
 */
export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').notNull(),
    /** The event's id (`webhook-id`): the same on every attempt and for every endpoint. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** `{id, type, createdAt, organizationId, data}`, sent as is. */
    payload: jsonb('payload').notNull(),
    /** pending → sending → delivered, or back to pending with a later next_attempt_at, or failed. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While sending: the lease; a crashed worker's rows become claimable again after it. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    /** The first KB of the last response body. */
    responseBody: text('response_body'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_delivery_endpoint_event_idx').on(t.endpointId, t.eventId),
    index('webhook_delivery_endpoint_created_idx').on(t.endpointId, t.createdAt, t.id),
    index('webhook_delivery_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status in ('pending', 'sending')`),
  ],
);
