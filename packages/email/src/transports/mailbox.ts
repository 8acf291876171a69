import { randomUUID } from 'node:crypto';
import { db, mailboxMessage } from '@kit/database';
import { desc, eq } from 'drizzle-orm';
import type { EmailTransport } from '../types';

/** Development transport: every message is stored in the database and readable at /dev/mailbox. */
export const mailboxTransport: EmailTransport = {
  name: 'mailbox',
  async send(message) {
    // The idempotency key is the row id: delivering the same message twice stores it once.
    const id = message.idempotencyKey || randomUUID();
    await db
      .insert(mailboxMessage)
      .values({
        id,
        to: message.to.toLowerCase(),
        from: message.from,
        subject: message.subject,
        html: message.html,
        text: message.text,
      })
      .onConflictDoNothing();
    return { id };
  },
};

export interface MailboxEntry {
  id: string;
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  links: string[];
  createdAt: string;
}

/** Stored messages, newest first, optionally for one recipient. */
export async function listMailbox(
  options: { to?: string; limit?: number } = {},
): Promise<MailboxEntry[]> {
  const rows = await db
    .select()
    .from(mailboxMessage)
    .where(options.to ? eq(mailboxMessage.to, options.to.trim().toLowerCase()) : undefined)
    .orderBy(desc(mailboxMessage.createdAt), desc(mailboxMessage.id))
    .limit(options.limit ?? 100);
  return rows.map((row) => ({
    id: row.id,
    to: row.to,
    from: row.from,
    subject: row.subject,
    html: row.html,
    text: row.text,
    links: extractLinks(row.html),
    createdAt: row.createdAt.toISOString(),
  }));
}

const HREF = /href\s*=\s*"([^"]+)"/gi;

/** Every distinct http(s) link in an HTML body, in order of appearance. */
export function extractLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(HREF)) {
    const href = decodeEntities(match[1] ?? '');
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links];
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCharCode(parseInt(code, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
