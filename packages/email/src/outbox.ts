import { createHash, randomUUID } from 'node:crypto';
import {
  currentConnection,
  db as defaultDb,
  emailOutbox,
  insertUnnest,
  newId,
  organization,
  rowsOf,
  type Database,
  type Executor,
  type UnnestColumn,
} from '@kit/database';
import {
  and,
  asc,
  eq,
  inArray,
  lte,
  notInArray,
  notLike,
  like,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { emailEnv } from './env';
import { getTransport } from './mailer';
import { completeTemplateEmails, renderTemplateEmails, type PropsOf } from './render';
import { openBody, openProps, sealBody, sealProps, SealedBodyError } from './sealed-body';
import type { TemplateName } from './templates/props';
import {
  EmailDeliveryError,
  type EmailMessage,
  type EmailTransport,
  type OutgoingEmail,
  type SentEmail,
} from './types';

export interface QueuedEmail extends EmailMessage {
  /** Shows this message's delivery status on the invitation. */
  invitationId?: string;
  /** The organization the message is about: deleting it cancels the message if still queued. */
  organizationId?: string;
  /** Defaults to a new random key; pass one to make the enqueue itself idempotent. */
  idempotencyKey?: string;
}

/**
 * Messages queued together share a group of up to 100 (a bulk import's invitations): where the
 * transport can, a group goes out as one batch request. The group is part of each message's
 * idempotency key (`batch-<uuid>~<n>`), so a retry sends exactly the same batch again.
 */
export const BATCH_GROUP_SIZE = 100;
const GROUP_PREFIX = 'batch-';
const GROUPED_KEY = /^(batch-[0-9a-f-]{36})~(\d{1,3})$/;

/** The batch group of an idempotency key, or null for a message sent on its own. */
export const groupOf = (idempotencyKey: string): string | null =>
  GROUPED_KEY.exec(idempotencyKey)?.[1] ?? null;

const membersOf = (group: string) =>
  Array.from({ length: BATCH_GROUP_SIZE }, (_, n) => `${group}~${n}`);

/** An email rendered at delivery from a template and its props (which are sealed while queued). */
export interface TemplateEmail<N extends TemplateName = TemplateName> {
  to: string;
  /** Defaults to EMAIL_FROM. */
  from?: string;
  template: N;
  props: PropsOf<N>;
  /** Shows this message's delivery status on the invitation. */
  invitationId?: string;
  /** The organization the message is about: deleting it cancels the message if still queued. */
  organizationId?: string;
  /** Defaults to a new random key; pass one to make the enqueue itself idempotent. */
  idempotencyKey?: string;
}

/** A template email of any template (a list may mix them). */
export type AnyTemplateEmail = { [N in TemplateName]: TemplateEmail<N> }[TemplateName];

/**
 * The idempotency key of each message: the caller's, else a random one for a message queued on
 * its own, else a place in a batch group of up to 100.
 */
function idempotencyKeys(messages: Array<{ idempotencyKey?: string }>): string[] {
  let group = '';
  let position = 0;
  return messages.map((m) => {
    if (m.idempotencyKey) return m.idempotencyKey;
    if (messages.length === 1) return randomUUID();
    if (position % BATCH_GROUP_SIZE === 0) group = `${GROUP_PREFIX}${newId()}`;
    return `${group}~${position++ % BATCH_GROUP_SIZE}`;
  });
}

interface OutboxInsert {
  id: string;
  idempotencyKey: string;
  to: string;
  from: string;
  subject: string;
  body: string;
  template: string | null;
  invitationId: string | undefined;
  organizationId: string | undefined;
}

const outboxColumns: UnnestColumn<OutboxInsert>[] = [
  [emailOutbox.id, 'text', (r) => r.id],
  [emailOutbox.idempotencyKey, 'text', (r) => r.idempotencyKey],
  [emailOutbox.to, 'text', (r) => r.to],
  [emailOutbox.from, 'text', (r) => r.from],
  [emailOutbox.subject, 'text', (r) => r.subject],
  [emailOutbox.body, 'text', (r) => r.body],
  [emailOutbox.template, 'text', (r) => r.template],
  [emailOutbox.invitationId, 'text', (r) => r.invitationId],
  [emailOutbox.organizationId, 'text', (r) => r.organizationId],
];

/** Rows per insert statement: a handful of parameters each (one array per column). */
const INSERT_CHUNK = 5000;

async function insertOutbox(exec: Executor, rows: OutboxInsert[]): Promise<string[]> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await exec.execute(
      sql`${insertUnnest(emailOutbox, outboxColumns, rows.slice(i, i + INSERT_CHUNK))} on conflict do nothing`,
    );
  }
  notifyQueued();
  return rows.map((r) => r.id);
}

/**
 * Records messages to send. Call it with the transaction that makes the change the email is
 * about: if that commits, the message will be delivered; if it rolls back, it never existed.
 */
export async function enqueueEmails(exec: Executor, messages: QueuedEmail[]): Promise<string[]> {
  if (messages.length === 0) return [];
  const { from, secret } = emailEnv();
  const keys = idempotencyKeys(messages);
  const rows = messages.map((m, index): OutboxInsert => {
    const id = newId();
    const to = m.to.trim().toLowerCase();
    return {
      id,
      idempotencyKey: keys[index]!,
      to,
      from: m.from ?? from,
      subject: m.subject,
      body: sealBody({ html: m.html, text: m.text }, secret, sealedFor({ id, to, template: null })),
      template: null,
      invitationId: m.invitationId,
      organizationId: m.organizationId,
    };
  });
  return insertOutbox(exec, rows);
}

export const enqueueEmail = async (exec: Executor, message: QueuedEmail): Promise<string> =>
  (await enqueueEmails(exec, [message]))[0]!;

/**
 * Template emails sealed and ready to queue: what `enqueueTemplateEmails` does before its
 * insert, split off so that a caller can do it before taking a lock (an import seals thousands)
 * and queue, later, only those it keeps.
 */
export interface SealedEmail {
  readonly id: string;
  readonly to: string;
  /** @internal the outbox row */
  readonly row: OutboxInsert;
}

/** Seals template emails for `enqueueSealedEmails` (see SealedEmail). */
export async function sealTemplateEmails(messages: AnyTemplateEmail[]): Promise<SealedEmail[]> {
  if (messages.length === 0) return [];
  const { from, secret } = emailEnv();
  const keys = idempotencyKeys(messages);
  const prepared = new Array<{ subject: string; props: object }>(messages.length);
  const byTemplate = new Map<TemplateName, number[]>();
  messages.forEach((m, index) => {
    const indexes = byTemplate.get(m.template);
    if (indexes) indexes.push(index);
    else byTemplate.set(m.template, [index]);
  });
  for (const [name, indexes] of byTemplate) {
    const ready = await completeTemplateEmails(
      name,
      indexes.map((index) => messages[index]!.props as PropsOf<typeof name>),
    );
    indexes.forEach((index, i) => (prepared[index] = ready[i]!));
  }
  return messages.map((m, index): SealedEmail => {
    const id = newId();
    const to = m.to.trim().toLowerCase();
    const { subject, props } = prepared[index]!;
    const row: OutboxInsert = {
      id,
      idempotencyKey: keys[index]!,
      to,
      from: m.from ?? from,
      subject,
      body: sealProps(props, secret, sealedFor({ id, to, template: m.template })),
      template: m.template,
      invitationId: m.invitationId,
      organizationId: m.organizationId,
    };
    return { id, to, row };
  });
}

/** Queues sealed template emails, in the caller's transaction (see enqueueEmails). */
export const enqueueSealedEmails = (exec: Executor, sealed: SealedEmail[]): Promise<string[]> =>
  sealed.length === 0
    ? Promise.resolve([])
    : insertOutbox(
        exec,
        sealed.map((s) => s.row),
      );

/**
 * The insert `enqueueSealedEmails` runs, as SQL for a caller that sends it itself (inside a
 * larger statement, or pipelined with others), inserting only when `onlyIf` holds. Call
 * `emailsQueued()` once the transaction has committed.
 *
 * One difference: `enqueueSealedEmails` skips a message whose idempotency key is already queued
 * (a caller's retry with its own key); this insert has no `on conflict` clause, so such a row
 * fails the statement and its transaction. Use it for rows sealed with the keys and ids made
 * for them (invitations), where a conflict cannot happen and skipping would leave a change
 * without its email. It also spares PostgreSQL the speculative insertion that `on conflict`
 * costs per row, about a quarter of a bulk import's outbox insert.
 */
export const sealedEmailsInsert = (sealed: SealedEmail[], onlyIf: SQL): SQL =>
  sql`${insertUnnest(
    emailOutbox,
    outboxColumns,
    sealed.map((s) => s.row),
  )} where ${onlyIf}`;

/** Wakes this process's delivery worker for emails queued by `sealedEmailsInsert`. */
export const emailsQueued = (): void => notifyQueued();

/**
 * Records emails to render at delivery: the subject is stored as is, the props (which hold the
 * live link) sealed like a rendered body. Queuing costs no rendering, and the outbox holds a
 * few hundred bytes per message instead of its HTML. Same transaction rules as enqueueEmails.
 */
export async function enqueueTemplateEmails(
  exec: Executor,
  messages: AnyTemplateEmail[],
): Promise<string[]> {
  return enqueueSealedEmails(exec, await sealTemplateEmails(messages));
}

export const enqueueTemplateEmail = async (
  exec: Executor,
  message: AnyTemplateEmail,
): Promise<string> => (await enqueueTemplateEmails(exec, [message]))[0]!;

/**
 * What a sealed body is bound to: moved to another row or recipient, or relabelled as another
 * template (or as rendered HTML), it no longer opens.
 */
const sealedFor = (row: { id: string; to: string; template: string | null }) =>
  row.template === null
    ? `email_outbox:${row.id}:${row.to}`
    : `email_outbox:${row.id}:${row.to}:template:${row.template}`;

export interface DeliveryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 after n failures (without jitter). */
  backoffMs(attempts: number): number;
  /**
   * How long a claimed message stays reserved for its worker. A worker that dies mid-send
   * leaves it in 'sending'; after the lease another worker sends it again, with the same
   * idempotency key. Keep it well above the transport's request timeout.
   */
  leaseMs: number;
}

/**
 * 12 attempts over about 2.4 hours (5 s, 10 s, 20 s, … then hourly): a provider outage of that
 * length delays mail without failing it, well inside Resend's 24-hour idempotency window.
 */
export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 12,
  backoffMs: (attempts) => Math.min(5_000 * 2 ** (attempts - 1), 60 * 60_000),
  leaseMs: 60_000,
};

export interface DeliveryReport {
  sent: number;
  /** Failed this time, queued again for later. */
  retried: number;
  /** Failed for good: not retryable, or out of attempts. */
  failed: number;
  /** Claimed but not tried (the provider was failing or rate limiting): back in the queue, no attempt used. */
  deferred: number;
  /** Not sent because the organization they were about no longer exists. */
  canceled: number;
}

export interface DeliveryOptions {
  /**
   * Requests to the provider in flight at once (EMAIL_DELIVERY_CONCURRENCY, default 8). Each
   * round opens with one request: a provider that is down costs one attempt, not this many.
   */
  concurrency?: number;
  /** Messages sent on their own, per claim. */
  limit?: number;
  /** Batch groups (up to 100 messages each), per claim. */
  groupLimit?: number;
  transport?: EmailTransport;
  policy?: DeliveryPolicy;
  /** Another connection to the same database (tests that play two processes). */
  database?: Database;
}

type OutboxRow = typeof emailOutbox.$inferSelect;

const isDue = () =>
  or(
    and(eq(emailOutbox.status, 'queued'), lte(emailOutbox.nextAttemptAt, sql`now()`)),
    and(eq(emailOutbox.status, 'sending'), lte(emailOutbox.lockedUntil, sql`now()`)),
  );

/** A Retry-After far in the future is capped (and fits the integer below). */
const MAX_DELAY_MS = 24 * 60 * 60_000;

/** A point in time on the database's clock, which is the one due-ness is judged by. */
const fromNow = (ms: number): SQL<Date> =>
  sql`now() + ${Math.min(Math.max(0, Math.round(ms)), MAX_DELAY_MS)}::integer * interval '1 millisecond'`;

// Namespace of the advisory locks taken per batch group while claiming it (two-key form).
const GROUP_LOCK_NAMESPACE = 7_240_815;

/**
 * Claims due messages in one short transaction and marks them 'sending' under a lease.
 * Messages of their own: FOR UPDATE SKIP LOCKED, so two processes never take the same row.
 * Batch groups: whole or not at all (a retry must send the same batch under the same key), so
 * the claimer first takes the group's advisory lock (skipping the group if another process
 * holds it), then all of its due rows.
 */
async function claim(
  database: Database,
  options: Required<Pick<DeliveryOptions, 'limit' | 'groupLimit'>> & {
    /** Singles plus groups at most (the worker claims only what it has room to send). */
    maxUnits?: number;
  },
  policy: DeliveryPolicy,
): Promise<{ claimed: ClaimedRow[]; canceled: number }> {
  const candidateLimit =
    Math.max(0, Math.min(options.groupLimit, options.maxUnits ?? Infinity)) * BATCH_GROUP_SIZE;
  // Due members of batch groups, oldest first: the groups to try (read, not locked).
  const candidateSelection =
    candidateLimit > 0
      ? sql`select ${emailOutbox.idempotencyKey}, ${emailOutbox.nextAttemptAt} from ${emailOutbox}
            where ${and(isDue(), like(emailOutbox.idempotencyKey, `${GROUP_PREFIX}%~%`))}
            order by ${emailOutbox.nextAttemptAt}, ${emailOutbox.idempotencyKey} limit ${candidateLimit}`
      : undefined;
  // Messages of their own, and the batch groups' candidates: one statement, which is its own
  // transaction.
  const singles =
    options.limit > 0
      ? await claimRows(
          database,
          sql`select ${emailOutbox.id} from ${emailOutbox}
              where ${and(isDue(), notLike(emailOutbox.idempotencyKey, `${GROUP_PREFIX}%~%`))}
              order by ${emailOutbox.nextAttemptAt} limit ${options.limit}
              for update skip locked`,
          policy,
          candidateSelection,
        )
      : {
          claimed: [],
          canceled: 0,
          candidates: candidateSelection
            ? rowsOf<{ idempotency_key: string }>(await database.execute(candidateSelection)).map(
                (row) => row.idempotency_key,
              )
            : [],
        };
  const groupLimit = Math.min(
    options.groupLimit,
    (options.maxUnits ?? Infinity) - singles.claimed.length - singles.canceled,
  );
  if (groupLimit <= 0) return singles;
  const groups = [
    ...new Set(singles.candidates.map(groupOf).filter((g): g is string => g !== null)),
  ];
  if (groups.length === 0) return singles;
  const grouped = await database.transaction(async (tx) => {
    const ids: string[] = [];
    let claimedGroups = 0;
    for (const group of groups) {
      if (claimedGroups >= groupLimit) break;
      const [lock] = rowsOf<{ locked: boolean }>(
        await tx.execute(
          sql`select pg_try_advisory_xact_lock(${GROUP_LOCK_NAMESPACE}, hashtext(${group})) as locked`,
        ),
      );
      if (!lock?.locked) continue;
      // Only a holder of the group's lock takes its rows, so this waits for nobody for long.
      const members = await tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(inArray(emailOutbox.idempotencyKey, membersOf(group)), isDue()))
        .for('update');
      if (members.length === 0) continue;
      ids.push(...members.map((row) => row.id));
      claimedGroups++;
    }
    if (ids.length === 0) return { claimed: [], canceled: 0 };
    return claimRows(
      tx,
      sql`select ${emailOutbox.id} from ${emailOutbox} where ${inArray(emailOutbox.id, ids)} for update`,
      policy,
    );
  });
  return {
    claimed: [...singles.claimed, ...grouped.claimed],
    canceled: singles.canceled + grouped.canceled,
  };
}

/** What delivery reads of a claimed message. */
type ClaimedRow = Pick<
  OutboxRow,
  'id' | 'idempotencyKey' | 'to' | 'from' | 'subject' | 'body' | 'template' | 'attempts'
>;

/**
 * In one statement, over the rows `selection` picks (and locks): cancels those whose
 * organization no longer exists (deleting an organization cancels its queued mail; this catches
 * any that slipped past), and marks the rest 'sending' under a lease, one attempt more.
 */
async function claimRows(
  exec: Executor,
  selection: SQL,
  policy: DeliveryPolicy,
  /** Rows of (idempotency_key, next_attempt_at) to return as they are: the batch groups' candidates. */
  candidates?: SQL,
): Promise<{ claimed: ClaimedRow[]; canceled: number; candidates: string[] }> {
  const rows = rowsOf<
    ClaimedRow & {
      kind: 'claimed' | 'canceled' | 'group';
      next_attempt_at: unknown;
      created_at: unknown;
    }
  >(
    await exec.execute(sql`
      with picked as (${selection}),
      orphaned as (
        update ${emailOutbox} set status = 'canceled', locked_until = null,
          last_error = ${ORGANIZATION_DELETED}, body = null, body_purge_at = now()
        where ${emailOutbox.id} in (select id from picked)
          and ${emailOutbox.organizationId} is not null
          and not exists (select 1 from ${organization} where ${organization.id} = ${emailOutbox.organizationId})
        returning ${emailOutbox.id}
      ),
      claimed as (
        update ${emailOutbox} set status = 'sending', attempts = ${emailOutbox.attempts} + 1,
          locked_until = ${fromNow(policy.leaseMs)}
        where ${emailOutbox.id} in (select id from picked)
          and not (${emailOutbox.organizationId} is not null
            and not exists (select 1 from ${organization} where ${organization.id} = ${emailOutbox.organizationId}))
        returning ${emailOutbox.id}, ${emailOutbox.idempotencyKey}, ${emailOutbox.to}, ${emailOutbox.from},
          ${emailOutbox.subject}, ${emailOutbox.body}, ${emailOutbox.template}, ${emailOutbox.attempts},
          ${emailOutbox.nextAttemptAt}, ${emailOutbox.createdAt}
      )
      select 'claimed' as kind, id, idempotency_key as "idempotencyKey", "to", "from", subject, body,
        template, attempts, next_attempt_at, created_at
      from claimed
      union all
      select 'canceled', id, null, null, null, null, null, null, null, null, null from orphaned
      ${candidates ? sql`union all select 'group', null, c.idempotency_key, null, null, null, null, null, null, c.next_attempt_at, null from (${candidates}) as c` : sql``}
      -- Oldest due first, as they were picked.
      order by kind desc, next_attempt_at, created_at, "idempotencyKey"`),
  );
  const claimed: ClaimedRow[] = [];
  const groupCandidates: string[] = [];
  let canceled = 0;
  for (const { kind, next_attempt_at: _due, created_at: _created, ...row } of rows) {
    if (kind === 'canceled') canceled++;
    else if (kind === 'group') groupCandidates.push(row.idempotencyKey);
    else claimed.push({ ...row, attempts: Number(row.attempts) });
  }
  return { claimed, canceled, candidates: groupCandidates };
}

/** One request to the provider: a message on its own, or a batch group. */
interface Unit {
  messages: ReadyMessage[];
  batchKey?: string;
}

function unitsOf(claimed: ReadyMessage[], transport: EmailTransport): Unit[] {
  if (!transport.sendBatch) return claimed.map((message) => ({ messages: [message] }));
  const units: Unit[] = [];
  const groups = new Map<string, ReadyMessage[]>();
  for (const message of claimed) {
    const group = groupOf(message.idempotencyKey);
    if (!group) units.push({ messages: [message] });
    else groups.set(group, [...(groups.get(group) ?? []), message]);
  }
  const size = Math.min(transport.maxBatchSize ?? BATCH_GROUP_SIZE, BATCH_GROUP_SIZE);
  for (const members of groups.values()) {
    members.sort((a, b) =>
      a.idempotencyKey.localeCompare(b.idempotencyKey, 'en', { numeric: true }),
    );
    for (let i = 0; i < members.length; i += size) {
      const messages = members.slice(i, i + size);
      units.push({
        messages,
        batchKey: batchIdempotencyKey(messages.map((m) => m.idempotencyKey)),
      });
    }
  }
  return units;
}

/** The key of a batch request: the same messages always make the same key. */
export function batchIdempotencyKey(messageKeys: string[]): string {
  const digest = createHash('sha256')
    .update([...messageKeys].sort().join('\n'))
    .digest('hex');
  return `batch/${digest}`;
}

/** A claimed message with its body opened (or rendered from its props), ready for the transport. */
/**
 * A claimed message with its body opened: its HTML and text, or the props of its template
 * (rendered just before its request, see renderUnit).
 */
interface ReadyMessage extends ClaimedRow {
  html: string;
  text: string;
  props?: Record<string, unknown>;
}

/** What one round of delivery works with. */
interface DeliveryContext {
  database: Database;
  transport: EmailTransport;
  policy: DeliveryPolicy;
  retention: BodyRetention;
  report: DeliveryReport;
  /** Records messages sent (the worker's writes those of requests finishing together at once). */
  recordSent?: (sent: SentRecord[]) => Promise<void>;
}

const emptyReport = (): DeliveryReport => ({
  sent: 0,
  retried: 0,
  failed: 0,
  deferred: 0,
  canceled: 0,
});

/**
 * Opens each claimed body, and renders the messages queued as a template and props (many of one
 * template at once). A body that does not open (sealed under another app secret, altered, or
 * already purged) is never sent garbled: it fails at once with the reason. A template that
 * fails to render is retried like a provider error.
 */
async function prepareClaimed(
  context: DeliveryContext,
  claimed: ClaimedRow[],
  secret: string,
): Promise<ReadyMessage[]> {
  const ready: ReadyMessage[] = [];
  for (const message of claimed) {
    try {
      if (message.body === null) throw new SealedBodyError('The message body was purged.');
      if (message.template === null) {
        ready.push({ ...message, ...openBody(message.body, secret, sealedFor(message)) });
      } else {
        const props = openProps(message.body, secret, sealedFor(message));
        ready.push({ ...message, html: '', text: '', props });
      }
    } catch (error) {
      if (!(error instanceof SealedBodyError)) throw error;
      const failure = new EmailDeliveryError(error.message, 'outbox', { retryable: false });
      await recordFailure(context, [message], failure);
    }
  }
  return ready;
}

/**
 * Renders the unit's template messages (many of one template at once), just before its
 * request: a round that stops early renders nothing it does not send. A template that fails to
 * render is retried like a provider error; returns false then.
 */
async function renderUnit(context: DeliveryContext, unit: Unit): Promise<boolean> {
  const byTemplate = new Map<string, ReadyMessage[]>();
  for (const message of unit.messages) {
    if (!message.props || message.template === null) continue;
    const list = byTemplate.get(message.template);
    if (list) list.push(message);
    else byTemplate.set(message.template, [message]);
  }
  for (const [template, messages] of byTemplate) {
    try {
      const contents = await renderTemplateEmails(
        template as TemplateName,
        messages.map((message) => message.props as never),
      );
      messages.forEach((message, index) => {
        message.html = contents[index]!.html;
        message.text = contents[index]!.text;
        message.props = undefined;
      });
    } catch (error) {
      const failure = new EmailDeliveryError(
        `The ${template} email could not be rendered: ${describe(error)}`,
        'outbox',
        { cause: error },
      );
      await recordFailure(context, unit.messages, failure);
      return false;
    }
  }
  return true;
}

const outgoing = (message: ReadyMessage): OutgoingEmail => ({
  to: message.to,
  from: message.from,
  subject: message.subject,
  html: message.html,
  text: message.text,
  idempotencyKey: message.idempotencyKey,
});

/**
 * Sends one unit (a message, or a batch group) and records each message's outcome. Returns the
 * failure of the request as a whole when it is retryable: the provider is down or rate
 * limiting, and the next request would most likely fail the same way.
 */
async function sendUnit(
  context: DeliveryContext,
  unit: Unit,
): Promise<EmailDeliveryError | undefined> {
  const { transport } = context;
  if (!(await renderUnit(context, unit))) return undefined;
  let outcomes: Array<SentEmail | EmailDeliveryError>;
  try {
    outcomes =
      unit.batchKey && transport.sendBatch
        ? await transport.sendBatch(unit.messages.map(outgoing), {
            idempotencyKey: unit.batchKey,
          })
        : [await transport.send(outgoing(unit.messages[0]!))];
  } catch (error) {
    const failure = asDeliveryError(error, transport.name);
    await recordFailure(context, unit.messages, failure);
    return failure.retryable ? failure : undefined;
  }
  const sent: Array<{ id: string; providerMessageId: string }> = [];
  for (const [index, outcome] of outcomes.entries()) {
    const message = unit.messages[index]!;
    if (outcome instanceof EmailDeliveryError) await recordFailure(context, [message], outcome);
    else sent.push({ id: message.id, providerMessageId: outcome.id });
  }
  if (context.recordSent) await context.recordSent(sent);
  else await recordSent(context.database, sent, context.retention);
  context.report.sent += sent.length;
  return undefined;
}

/** How long to hold back after a whole request failed for a reason that hits the next one too. */
const holdBack = (failure: EmailDeliveryError, policy: DeliveryPolicy) =>
  failure.retryAfterMs ?? jitter(policy.backoffMs(1));

/**
 * Claims due messages, sends them (each on its own, or each batch group where the transport has
 * batches) with their idempotency keys, up to `concurrency` requests at once, and records the
 * outcome: sent; queued again with exponential backoff (or the provider's Retry-After); or
 * failed once out of attempts or not retryable. The first request goes alone; when a whole
 * request fails for a reason that will hit the next one too (the provider is down or rate
 * limiting), no new request starts and the rest of the claim goes back to the queue without
 * using an attempt.
 */
export async function deliverDueEmails(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const policy = options.policy ?? defaultDeliveryPolicy;
  const transport = options.transport ?? getTransport();
  const database = options.database ?? defaultDb;
  const { secret, bodyRetentionHours, deliveryConcurrency } = emailEnv();
  const concurrency = Math.max(1, options.concurrency ?? deliveryConcurrency);
  const { claimed, canceled } = await claim(
    database,
    { limit: options.limit ?? 50, groupLimit: options.groupLimit ?? 5 },
    policy,
  );
  const report: DeliveryReport = { ...emptyReport(), canceled };
  if (claimed.length === 0) return report;
  const context: DeliveryContext = {
    database,
    transport,
    policy,
    retention: bodyRetention(bodyRetentionHours),
    report,
  };

  const units = unitsOf(await prepareClaimed(context, claimed, secret), transport);
  let next = 0;
  let halted: EmailDeliveryError | undefined;
  const sendNext = async () => {
    const failure = await sendUnit(context, units[next++]!);
    halted ??= failure;
  };
  if (units.length > 0) await sendNext();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, units.length - next) }, async () => {
      while (!halted && next < units.length) await sendNext();
    }),
  );
  if (halted) {
    const rest = units.slice(next).flatMap((u) => u.messages);
    await defer(database, rest, holdBack(halted, policy), report);
  }
  return report;
}

function asDeliveryError(error: unknown, transport: string): EmailDeliveryError {
  if (error instanceof EmailDeliveryError) return error;
  return new EmailDeliveryError(error instanceof Error ? error.message : String(error), transport, {
    cause: error,
  });
}

const jitter = (ms: number) => ms * (0.8 + Math.random() * 0.4);

/** What a message's body becomes once the message is sent, failed or canceled. */
interface BodyRetention {
  body: SQL<string | null>;
  purgeAt: SQL<Date>;
}

function bodyRetention(hours: number): BodyRetention {
  if (hours === 0) return { body: sql`null`, purgeAt: sql`now()` };
  return {
    body: sql`${emailOutbox.body}`,
    purgeAt: sql`now() + ${hours}::integer * interval '1 hour'`,
  };
}

/**
 * Drops the bodies whose retention (EMAIL_BODY_RETENTION_HOURS) ran out; the rest of each row,
 * the record of what was sent to whom, stays. The worker runs it about once a minute.
 */
export async function purgeExpiredEmailBodies(database: Database = defaultDb): Promise<void> {
  await database
    .update(emailOutbox)
    .set({ body: null })
    .where(and(sql`${emailOutbox.body} is not null`, lte(emailOutbox.bodyPurgeAt, sql`now()`)));
}

const ORGANIZATION_DELETED = 'Canceled: the organization was deleted before this message was sent.';

const canceledBy = (reason: string) => ({
  status: 'canceled',
  lockedUntil: null,
  lastError: reason,
  body: null,
  bodyPurgeAt: sql`now()`,
});

/**
 * Cancels the organization's messages that have not gone out yet. Call it in the transaction
 * that deletes the organization; a message already handed to the provider stays as it is.
 */
export async function cancelOrganizationEmails(
  exec: Executor,
  organizationId: string,
): Promise<number> {
  const canceled = await exec
    .update(emailOutbox)
    .set(canceledBy(ORGANIZATION_DELETED))
    .where(
      and(
        eq(emailOutbox.organizationId, organizationId),
        inArray(emailOutbox.status, ['queued', 'sending']),
      ),
    )
    .returning({ id: emailOutbox.id });
  return canceled.length;
}

/** A message the provider accepted, and the id it gave it. */
interface SentRecord {
  id: string;
  providerMessageId: string;
}

/**
 * Marks messages sent as their requests finish: while one update is being written, the messages
 * of the requests that finish meanwhile wait and go in the next one, together. Each caller's
 * promise settles once its own messages are recorded (or the update failed).
 */
function sentRecorder(database: Database): (sent: SentRecord[]) => Promise<void> {
  let waiting: SentRecord[] = [];
  let waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let writing = false;
  const write = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting;
      const settle = waiters;
      waiting = [];
      waiters = [];
      try {
        await recordSent(database, batch, bodyRetention(emailEnv().bodyRetentionHours));
        for (const waiter of settle) waiter.resolve();
      } catch (error) {
        for (const waiter of settle) waiter.reject(error);
      }
    }
    writing = false;
  };
  return (sent) => {
    if (sent.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      waiting.push(...sent);
      waiters.push({ resolve, reject });
      if (!writing) void write();
    });
  };
}

async function recordSent(database: Database, sent: SentRecord[], retention: BodyRetention) {
  if (sent.length === 0) return;
  const values = sql.join(
    sent.map((s) => sql`(${s.id}, ${s.providerMessageId})`),
    sql`, `,
  );
  await database.execute(sql`
    update ${emailOutbox} set
      status = 'sent', sent_at = now(), provider_message_id = v.provider_id, locked_until = null, last_error = null,
      body = ${retention.body}, body_purge_at = ${retention.purgeAt}
    from (values ${values}) as v(id, provider_id)
    where ${emailOutbox.id} = v.id`);
}

async function recordFailure(
  context: DeliveryContext,
  messages: Array<Pick<ClaimedRow, 'id' | 'to' | 'attempts'>>,
  error: EmailDeliveryError,
) {
  const { database, policy, report, retention } = context;
  // The messages of one request share their attempts (they were claimed together).
  const attempts = Math.max(...messages.map((m) => m.attempts));
  const failed = !error.retryable || attempts >= policy.maxAttempts;
  const delay = Math.max(error.retryAfterMs ?? 0, jitter(policy.backoffMs(attempts)));
  await database
    .update(emailOutbox)
    .set({
      status: failed ? 'failed' : 'queued',
      lastError: describe(error),
      lockedUntil: null,
      nextAttemptAt: fromNow(delay),
      ...(failed ? { body: retention.body, bodyPurgeAt: retention.purgeAt } : {}),
    })
    // A worker whose lease ran out must not undo the delivery of the one that took over, nor
    // bring back a message canceled meanwhile.
    .where(
      and(
        inArray(
          emailOutbox.id,
          messages.map((m) => m.id),
        ),
        notInArray(emailOutbox.status, ['sent', 'canceled']),
      ),
    );
  if (failed) {
    report.failed += messages.length;
    for (const m of messages)
      console.error(`[email] giving up on message ${m.id} to ${m.to}: ${describe(error)}`);
  } else {
    report.retried += messages.length;
  }
}

async function defer(
  database: Database,
  messages: Array<Pick<ClaimedRow, 'id'>>,
  delayMs: number,
  report: DeliveryReport,
) {
  if (messages.length === 0) return;
  await database
    .update(emailOutbox)
    .set({
      status: 'queued',
      attempts: sql`greatest(${emailOutbox.attempts} - 1, 0)`,
      lockedUntil: null,
      nextAttemptAt: fromNow(delayMs),
    })
    .where(
      and(
        inArray(
          emailOutbox.id,
          messages.map((m) => m.id),
        ),
        eq(emailOutbox.status, 'sending'),
      ),
    );
  report.deferred += messages.length;
}

function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** Delivers until nothing is due now (tests, CLI). */
export async function drainOutbox(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  await purgeExpiredEmailBodies(options.database);
  const total = emptyReport();
  for (;;) {
    const report = await deliverDueEmails(options);
    total.sent += report.sent;
    total.retried += report.retried;
    total.failed += report.failed;
    total.deferred += report.deferred;
    total.canceled += report.canceled;
    if (report.sent + report.retried + report.failed + report.deferred + report.canceled === 0)
      return total;
  }
}

/** The workers of this process, woken when it enqueues. */
const wakers = new Set<() => void>();

const PURGE_EVERY_MS = 60_000;

function notifyQueued(): void {
  // Let the transaction that enqueued commit first; then the in-process worker picks it up.
  for (const wake of wakers) setTimeout(wake, 10).unref?.();
}

export interface EmailWorker {
  stop(): Promise<void>;
}

export interface EmailWorkerOptions extends DeliveryOptions {
  /** How often to look for mail queued elsewhere (another process, the CLI) and for retries. */
  pollMs?: number;
}

/**
 * The delivery loop of one process: keeps up to `concurrency` requests to the provider in
 * flight (EMAIL_DELIVERY_CONCURRENCY), claiming due messages as slots free up. It wakes when
 * this process enqueues, and polls for work enqueued elsewhere and for retries that fall due.
 * Several processes share one outbox safely: each message is claimed by one of them under a
 * lease (see claim). When a whole request fails for a reason that will hit the next one too,
 * the worker holds back (the provider's Retry-After, or the first backoff step), returns what
 * it had claimed to the queue, and then resumes with one request before opening up again.
 */
export function startEmailWorker(options: EmailWorkerOptions = {}): EmailWorker {
  const { pollMs = 1000, ...delivery } = options;
  const policy = delivery.policy ?? defaultDeliveryPolicy;
  const transport = delivery.transport ?? getTransport();
  const database = delivery.database ?? currentConnection().db;
  const concurrency = Math.max(1, delivery.concurrency ?? emailEnv().deliveryConcurrency);
  const limit = delivery.limit ?? 50;
  const groupLimit = delivery.groupLimit ?? 5;

  let running = true;
  let claiming = false;
  let wokenWhileClaiming = false;
  /** False after a claim that took less than it had room for: nothing more was due then. */
  let mayHaveMore = true;
  /** After a failure of the provider: one request at a time until one succeeds. */
  let probing = false;
  let pausedUntil = 0;
  let purgedAt = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  const queue: Unit[] = [];
  const pending = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const recordSentTogether = sentRecorder(database);
  const context = (): DeliveryContext => ({
    database,
    transport,
    policy,
    retention: bodyRetention(emailEnv().bodyRetentionHours),
    // The worker keeps no totals; the rows are the record.
    report: emptyReport(),
    recordSent: recordSentTogether,
  });
  const slots = () => (probing ? 1 : concurrency) - inFlight;
  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (running) timer = setTimeout(wake, ms);
  };

  function start(unit: Unit) {
    inFlight++;
    const work = sendUnit(context(), unit)
      .then(async (failure) => {
        if (!failure) {
          probing = false;
          return;
        }
        probing = true;
        const delay = holdBack(failure, policy);
        pausedUntil = Math.max(pausedUntil, Date.now() + delay);
        const rest = queue.splice(0).flatMap((u) => u.messages);
        await defer(database, rest, delay, emptyReport());
      })
      .catch((error) => console.error('[email] delivery error', error))
      .finally(() => {
        inFlight--;
        pump();
      });
    track(work);
  }

  /** Something may be due: enqueued in this process, a poll, a retry's time. */
  function wake() {
    mayHaveMore = true;
    pump();
  }

  function pump() {
    if (!running) return;
    const wait = pausedUntil - Date.now();
    if (wait > 0) return schedule(wait);
    while (queue.length > 0 && slots() > 0) start(queue.shift()!);
    if (queue.length > 0 || slots() <= 0) return;
    if (claiming) {
      wokenWhileClaiming = true;
      return;
    }
    // Claim only if the last claim may have left work behind, or when woken or polling.
    if (!mayHaveMore) {
      if (inFlight === 0) schedule(pollMs);
      return;
    }
    claiming = true;
    wokenWhileClaiming = false;
    const room = slots();
    const work = (async () => {
      if (Date.now() - purgedAt >= PURGE_EVERY_MS) {
        purgedAt = Date.now();
        await purgeExpiredEmailBodies(database);
      }
      const round = context();
      const { claimed, canceled } = await claim(
        database,
        { limit: Math.min(limit, room), groupLimit: Math.min(groupLimit, room), maxUnits: room },
        policy,
      );
      const units = unitsOf(await prepareClaimed(round, claimed, emailEnv().secret), transport);
      queue.push(...units);
      mayHaveMore = claimed.length + canceled >= room;
      return claimed.length + canceled > 0;
    })()
      .catch((error) => {
        console.error('[email] delivery loop error', error);
        return false;
      })
      .then((found) => {
        claiming = false;
        if (wokenWhileClaiming) mayHaveMore = true;
        if (found || wokenWhileClaiming) pump();
        if (!found && !wokenWhileClaiming && inFlight === 0) schedule(pollMs);
      });
    track(work);
  }

  wakers.add(wake);
  pump();
  return {
    async stop() {
      running = false;
      wakers.delete(wake);
      clearTimeout(timer);
      while (pending.size > 0) await Promise.all(pending);
      // Claimed but never started: back to the queue at once, no attempt used.
      await defer(
        database,
        queue.splice(0).flatMap((u) => u.messages),
        0,
        emptyReport(),
      );
    },
  };
}

export interface DeliveryStatus {
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'canceled';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

/** The latest message's delivery status for each invitation id. */
export async function invitationDeliveryStatus(
  invitationIds: string[],
): Promise<Map<string, DeliveryStatus>> {
  const result = new Map<string, DeliveryStatus>();
  if (invitationIds.length === 0) return result;
  const rows = await defaultDb
    .select({
      invitationId: emailOutbox.invitationId,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(inArray(emailOutbox.invitationId, invitationIds))
    .orderBy(asc(emailOutbox.createdAt));
  for (const row of rows) {
    result.set(row.invitationId!, {
      status: row.status as DeliveryStatus['status'],
      attempts: row.attempts,
      lastError: row.lastError,
      sentAt: row.sentAt?.toISOString() ?? null,
    });
  }
  return result;
}
