import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
