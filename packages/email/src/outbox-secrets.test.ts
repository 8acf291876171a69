import { db, emailOutbox, mailboxMessage, organization, rowsOf } from '@kit/database';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelOrganizationEmails,
  drainOutbox,
  emailsQueued,
  enqueueEmail,
  enqueueSealedEmails,
  enqueueTemplateEmail,
  enqueueTemplateEmails,
  invitationEmail,
  listMailbox,
  sealedEmailsInsert,
  sealTemplateEmails,
  type TemplateEmail,
} from './index';

const LINK = 'http://localhost:3000/invite/live-token-0123456789abcdef';

const invitationMail = (to: string, organizationId?: string) => ({
  to,
  subject: 'Ada invited you to join Acme',
  html: `<p>Join Acme: <a href="${LINK}">accept</a></p>`,
  text: `Join Acme: ${LINK}`,
  ...(organizationId ? { organizationId } : {}),
});

const rowTo = async (to: string) =>
  (await db.select().from(emailOutbox).where(eq(emailOutbox.to, to)))[0]!;

/** Everything a database reader sees of the row, as one string. */
const rawRow = async (to: string) =>
  JSON.stringify(rowsOf(await db.execute(sql`select * from email_outbox where "to" = ${to}`)));

const saved = { ...process.env };

beforeEach(async () => {
  await db.delete(emailOutbox);
  await db.delete(mailboxMessage);
});

afterEach(() => {
  for (const key of ['BETTER_AUTH_SECRET', 'EMAIL_BODY_RETENTION_HOURS']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('outbox bodies at rest', () => {
  it('keeps the link sealed while queued, delivers it readable, then purges the body', async () => {
    await db.transaction((tx) => enqueueEmail(tx, invitationMail('sealed@example.com')));
    const queued = await rowTo('sealed@example.com');
    expect(queued.body).toMatch(/^v1\./);
    expect(queued.subject).toBe('Ada invited you to join Acme');
    const raw = await rawRow('sealed@example.com');
    expect(raw).not.toContain('live-token');
    expect(raw).not.toContain('Join Acme');

    expect((await drainOutbox()).sent).toBe(1);
    const [delivered] = await listMailbox({ to: 'sealed@example.com' });
    expect(delivered!.links).toEqual([LINK]);
    expect(delivered!.text).toBe(`Join Acme: ${LINK}`);

    const sent = await rowTo('sealed@example.com');
    expect(sent).toMatchObject({ status: 'sent', body: null, subject: queued.subject });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(await rawRow('sealed@example.com')).not.toContain('live-token');
  });

  it('keeps a sent body (still sealed) for EMAIL_BODY_RETENTION_HOURS, then purges it', async () => {
    process.env.EMAIL_BODY_RETENTION_HOURS = '24';
    await db.transaction((tx) => enqueueEmail(tx, invitationMail('kept@example.com')));
    await drainOutbox();
    const sent = await rowTo('kept@example.com');
    expect(sent.status).toBe('sent');
    expect(sent.body).toMatch(/^v1\./);
    const [retained] = rowsOf<{ hours: string }>(
      await db.execute(
        sql`select extract(epoch from body_purge_at - sent_at) / 3600 as hours from email_outbox where id = ${sent.id}`,
      ),
    );
    expect(Math.round(Number(retained!.hours))).toBe(24);

    await drainOutbox();
    expect((await rowTo('kept@example.com')).body).not.toBeNull();
    // The retention runs out: the next delivery round drops the body, the record stays.
    await db
      .update(emailOutbox)
      .set({ bodyPurgeAt: sql`now() - interval '1 second'` })
      .where(eq(emailOutbox.id, sent.id));
    await drainOutbox();
    expect(await rowTo('kept@example.com')).toMatchObject({ status: 'sent', body: null });
  });

  it('fails, unsent, a message queued under another app secret', async () => {
    process.env.BETTER_AUTH_SECRET = 'a'.repeat(40);
    await db.transaction((tx) => enqueueEmail(tx, invitationMail('rotated@example.com')));
    process.env.BETTER_AUTH_SECRET = 'b'.repeat(40);
    const report = await drainOutbox();
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(await listMailbox({ to: 'rotated@example.com' })).toEqual([]);
    expect(await rowTo('rotated@example.com')).toMatchObject({
      status: 'failed',
      body: null,
      lastError: expect.stringMatching(/BETTER_AUTH_SECRET changed/),
    });
  });

  it('does not open a body moved to another row', async () => {
    await db.transaction(async (tx) => {
      await enqueueEmail(tx, invitationMail('victim@example.com'));
      await enqueueEmail(tx, { ...invitationMail('attacker@example.com'), html: 'x', text: 'x' });
    });
    const victim = await rowTo('victim@example.com');
    await db
      .update(emailOutbox)
      .set({ body: victim.body })
      .where(eq(emailOutbox.to, 'attacker@example.com'));
    await drainOutbox();
    expect(await listMailbox({ to: 'attacker@example.com' })).toEqual([]);
    expect((await rowTo('attacker@example.com')).status).toBe('failed');
    expect((await listMailbox({ to: 'victim@example.com' }))[0]!.links).toEqual([LINK]);
  });
});

const invitationProps = (token: string) => ({
  organizationName: 'Acme Sealed',
  inviterName: 'Ada Inviter',
  inviterEmail: 'ada@acme.example',
  role: 'admin',
  url: `http://localhost:3000/invite/${token}`,
  expiresAt: new Date('2031-03-04T12:00:00Z'),
});

const templateMail = (to: string, token: string): TemplateEmail<'invitation'> => ({
  to,
  template: 'invitation',
  props: invitationProps(token),
});

describe('emails queued as a template and props', () => {
  it('keeps the props sealed while queued and renders at delivery exactly what rendering at once gives', async () => {
    await db.transaction((tx) =>
      enqueueTemplateEmail(tx, templateMail('props@example.com', 'props-token-0123456789abcdef')),
    );
    const direct = await invitationEmail(invitationProps('props-token-0123456789abcdef'));
    const queued = await rowTo('props@example.com');
    expect(queued).toMatchObject({ template: 'invitation', subject: direct.subject });
    expect(queued.subject).toContain('Ada Inviter invited you to join Acme Sealed');
    expect(queued.body).toMatch(/^v1\./);
    const raw = await rawRow('props@example.com');
    expect(raw).not.toContain('props-token');
    expect(raw).not.toContain('ada@acme.example');

    expect((await drainOutbox()).sent).toBe(1);
    const [delivered] = await listMailbox({ to: 'props@example.com' });
    expect(delivered).toMatchObject({
      subject: direct.subject,
      html: direct.html,
      text: direct.text,
    });
    expect(delivered!.text).toContain('http://localhost:3000/invite/props-token-0123456789abcdef');
    expect(await rowTo('props@example.com')).toMatchObject({ status: 'sent', body: null });
  });

  it('queues a sealed row once: a retry under its key is skipped, a pipelined insert of it fails', async () => {
    const [sealed] = await sealTemplateEmails([
      {
        ...templateMail('once@example.com', 'once-token-0123456789abcdef'),
        idempotencyKey: 'once-1',
      },
    ]);
    await db.transaction((tx) => tx.execute(sealedEmailsInsert([sealed!], sql`true`)));
    emailsQueued();
    // enqueueSealedEmails takes the same key as a retry of the queued message.
    await db.transaction((tx) => enqueueSealedEmails(tx, [sealed!]));
    // The bare insert has no `on conflict`: a row already queued fails it, and its transaction.
    await expect(
      db.transaction((tx) => tx.execute(sealedEmailsInsert([sealed!], sql`true`))),
    ).rejects.toThrow();
    expect(
      await db.select().from(emailOutbox).where(eq(emailOutbox.to, 'once@example.com')),
    ).toHaveLength(1);
    expect((await drainOutbox()).sent).toBe(1);
  });

  it('renders many at delivery, each with its own link', async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => `many${i}@example.com`);
    await db.transaction((tx) =>
      enqueueTemplateEmails(
        tx,
        recipients.map((to, i) => templateMail(to, `many-token-${i}-0123456789abcdef`)),
      ),
    );
    expect((await drainOutbox()).sent).toBe(30);
    for (const [i, to] of recipients.entries()) {
      const [mail] = await listMailbox({ to });
      expect(mail!.links).toContain(
        `http://localhost:3000/invite/many-token-${i}-0123456789abcdef`,
      );
      expect(mail!.text).toContain('Ada Inviter');
    }
  });

  it('fails, unsent, props sealed under another app secret, or passed off as a rendered body', async () => {
    process.env.BETTER_AUTH_SECRET = 'c'.repeat(40);
    await db.transaction((tx) =>
      enqueueTemplateEmail(
        tx,
        templateMail('rotated-props@example.com', 'rotated-0123456789abcdef'),
      ),
    );
    process.env.BETTER_AUTH_SECRET = 'd'.repeat(40);
    expect(await drainOutbox()).toMatchObject({ sent: 0, failed: 1 });
    expect(await rowTo('rotated-props@example.com')).toMatchObject({
      status: 'failed',
      body: null,
      lastError: expect.stringMatching(/BETTER_AUTH_SECRET changed/),
    });

    await db.transaction((tx) =>
      enqueueTemplateEmail(tx, templateMail('relabelled@example.com', 'relabel-0123456789abcdef')),
    );
    await db
      .update(emailOutbox)
      .set({ template: null })
      .where(eq(emailOutbox.to, 'relabelled@example.com'));
    expect(await drainOutbox()).toMatchObject({ sent: 0, failed: 1 });
    expect(await listMailbox({ to: 'relabelled@example.com' })).toEqual([]);
  });
});

describe('mail about a deleted organization', () => {
  const newOrganization = async (id: string) => {
    await db.insert(organization).values({ id, name: id, slug: id, createdAt: new Date() });
  };

  it('is canceled, unsent, when the organization is deleted before delivery', async () => {
    await newOrganization('org-gone');
    await newOrganization('org-stays');
    await db.transaction(async (tx) => {
      await enqueueEmail(tx, invitationMail('gone@example.com', 'org-gone'));
      await enqueueEmail(tx, invitationMail('stays@example.com', 'org-stays'));
    });
    await db.transaction(async (tx) => {
      await tx.delete(organization).where(eq(organization.id, 'org-gone'));
      expect(await cancelOrganizationEmails(tx, 'org-gone')).toBe(1);
    });
    expect(await drainOutbox()).toMatchObject({ sent: 1, failed: 0 });
    expect(await listMailbox({ to: 'gone@example.com' })).toEqual([]);
    expect(await listMailbox({ to: 'stays@example.com' })).toHaveLength(1);
    expect(await rowTo('gone@example.com')).toMatchObject({
      status: 'canceled',
      body: null,
      lastError: expect.stringMatching(/organization was deleted/),
    });
  });

  it('is never sent by the worker once the organization is gone, even if nobody canceled it', async () => {
    await newOrganization('org-vanished');
    await db.transaction((tx) =>
      enqueueEmail(tx, invitationMail('vanished@example.com', 'org-vanished')),
    );
    await db.delete(organization).where(eq(organization.id, 'org-vanished'));
    expect(await drainOutbox()).toMatchObject({ sent: 0, canceled: 1 });
    expect(await listMailbox({ to: 'vanished@example.com' })).toEqual([]);
    expect(await rowTo('vanished@example.com')).toMatchObject({ status: 'canceled', body: null });
  });
});
