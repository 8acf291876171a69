import { sentence, type Role } from '@kit/auth/roles';
import {
  db,
  executePrepared,
  invitation,
  member,
  pgArray,
  user,
  type Executor,
  type Transaction,
} from '@kit/database';
import { emailsQueued, sealedEmailsInsert } from '@kit/email';
import type { OperationSource } from '@kit/organization-policies';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../actor';
import { BULK_STATUSES, type BulkResult, type BulkRowResult, type BulkStatus } from '../contracts';
import { lockOrganization, requireAuthorized, type Membership } from '../access';
import { newInvitationExpiry } from '../config';
import { newId, newInvitationTokens } from '../ids';
import { currentRoles, roleNoun } from '../roles';
import { organizationRuntime } from '../runtime';
import { seatUsage } from '../seats';
import { metadataProblem } from '../metadata';
import { emailSchema } from '../validation';
import type { BulkRow } from './bulk-input';
import { sealInvitationEmails } from './email';
import { invitationInserts } from './store';
import { chargeInvitationEmails, enforceBulkImportLimit, type InvitationLimits } from './limits';
import { actingMember, organizationSummary, policyDatabase } from './policy-context';

export { BULK_STATUSES, type BulkResult, type BulkRowResult, type BulkStatus };

/** A row that passed the checks made without the database; `result` is its row's result. */
interface Candidate {
  result: BulkRowResult;
  email: string;
  role: Role;
  metadata: Record<string, unknown>;
}

/** Sets a refused row's outcome on its result. */
function refuse(
  result: BulkRowResult,
  outcome: Omit<BulkRowResult, 'row' | 'line' | 'email' | 'role'> & {
    status: Exclude<BulkStatus, 'invited'>;
  },
) {
  Object.assign(result, outcome);
}

const isLive = (candidate: Candidate) => candidate.result.status === 'invited';

/**
 * Which of `addresses` (a text array) are members of the organization, which hold a live
 * pending invitation (with its id), and the ids of pending invitations to them that have
 * expired but are not marked so yet: one statement.
 */
async function existingFor(
  exec: Executor,
  organizationId: string,
  addresses: SQL,
): Promise<{ members: Set<string>; pending: Map<string, string>; stale: string[] }> {
  const rows = await executePrepared<{
    kind: 'member' | 'invited' | 'stale';
    email: string;
    id: string | null;
  }>(
    sql`
      select 'member' as kind, ${user.email} as email, null as id
      from ${member} inner join ${user} on ${user.id} = ${member.userId}
      where ${member.organizationId} = ${organizationId} and ${user.email} = any(${addresses})
      union all
      select case when ${invitation.expiresAt} > now() then 'invited' else 'stale' end,
        ${invitation.email}, ${invitation.id}
      from ${invitation}
      where ${invitation.organizationId} = ${organizationId} and ${invitation.status} = 'pending'
        and ${invitation.email} = any(${addresses})`,
    exec,
  );
  const members = new Set<string>();
  const pending = new Map<string, string>();
  const stale: string[] = [];
  for (const row of rows) {
    if (row.kind === 'member') members.add(row.email);
    else if (row.kind === 'invited') pending.set(row.email, row.id!);
    else stale.push(row.id!);
  }
  return { members, pending, stale };
}

/**
 * Invites many people at once. Each row passes the same checks as a single invitation
 * (permission, role ceiling, duplicates, policies, seats) and gets its own result; a failing
 * row never stops the others, and a re-run of the same rows invites nobody twice. Everything
 * that passes is stored, logged and queued for email in one transaction under the
 * organization lock. With `dryRun`, nothing is stored: the results predict what would happen.
 */
export async function bulkCreateInvitations({
  actor,
  organizationId,
  rows,
  defaultRole,
  source = 'bulk',
  dryRun = false,
  onProgress,
  limits,
}: {
  actor: Actor;
  organizationId: string;
  rows: BulkRow[];
  /** The role of rows that name none; the role set's default role if not given. */
  defaultRole?: string;
  source?: OperationSource;
  dryRun?: boolean;
  /** Called as rows are checked and stored (for a progress bar). */
  onProgress?: (event: { phase: 'checking' | 'storing'; done: number; total: number }) => void;
  /** Import and send limits (the API passes its configuration); none for the CLI. */
  limits?: InvitationLimits;
}): Promise<BulkResult> {
  const membership = await requireAuthorized(db, organizationId, actor, { invitation: ['create'] });
  const roles = currentRoles();
  await enforceBulkImportLimit(limits, organizationId);
  const results: BulkRowResult[] = [];
  const candidates: Candidate[] = [];
  /** Each address's first row, for the rows that repeat it. */
  const seen = new Map<string, number>();

  for (const input of rows) {
    const emailResult = emailSchema.safeParse(input.email);
    const role = (input.role ?? defaultRole ?? roles.defaultRole).trim().toLowerCase();
    const email = emailResult.success ? emailResult.data : input.email.trim();
    // Built as literals, not spread: ten thousand rows make the difference measurable.
    const result: BulkRowResult =
      input.line === undefined
        ? { row: input.row, email, role, status: 'invited' }
        : { row: input.row, line: input.line, email, role, status: 'invited' };
    results.push(result);
    if (!emailResult.success) {
      refuse(result, {
        status: 'invalid_email',
        code: 'INVALID_EMAIL',
        message: emailResult.error.issues[0]?.message ?? 'Invalid email.',
      });
      continue;
    }
    if (!roles.isRole(role)) {
      refuse(result, {
        status: 'invalid_role',
        code: 'INVALID_ROLE',
        message: `Unknown role "${role}". Use ${sentence(roles.ids, 'or')}.`,
      });
      continue;
    }
    const duplicateOfRow = seen.get(email);
    if (duplicateOfRow !== undefined) {
      refuse(result, {
        status: 'duplicate_in_file',
        code: 'DUPLICATE_IN_FILE',
        message: `This email appears earlier in the file (row ${duplicateOfRow}).`,
        duplicateOfRow,
      });
      continue;
    }
    seen.set(email, input.row);
    if (!roles.mayAssign(membership.role, role)) {
      refuse(result, {
        status: 'denied',
        code: 'ROLE_NOT_ALLOWED',
        message: `You cannot invite someone as ${roleNoun([role], roles)}.`,
      });
      continue;
    }
    const metadataError = metadataProblem(input.metadata);
    if (metadataError) {
      refuse(result, { status: 'denied', code: 'VALIDATION_ERROR', message: metadataError });
      continue;
    }
    candidates.push({ result, email, role: role as Role, metadata: input.metadata });
  }

  // Everything below runs under the organization lock: duplicates, then the policies (in file
  // order, seeing the transaction), then seats. A dry run takes the same path and writes nothing.
  const write = async (tx: Transaction) => {
    await lockOrganization(tx, organizationId);
    const toCheck = candidates.filter(isLive);
    if (toCheck.length) {
      const existing = await existingFor(
        tx,
        organizationId,
        pgArray(
          toCheck.map((c) => c.email),
          'text',
        ),
      );
      markExisting(toCheck, existing);
      // Pending invitations to these addresses that have expired are marked so before any new
      // one is stored (an address holds at most one pending invitation).
      if (!dryRun && existing.stale.length)
        await executePrepared(
          sql`
            update ${invitation} set status = 'expired', updated_at = now()
            where ${invitation.id} = any(${pgArray(existing.stale, 'text')})
              and ${invitation.status} = 'pending'`,
          tx,
        );
    }
    await applyPolicies(tx, { actor, membership, source, candidates: toCheck, onProgress });
    const toInvite = toCheck.filter(isLive);
    const usage = await seatUsage(tx, organizationId);
    let free = usage.available ?? Number.POSITIVE_INFINITY;
    const accepted: Candidate[] = [];
    for (const candidate of toInvite) {
      if (free > 0) {
        free--;
        accepted.push(candidate);
      } else {
        refuse(candidate.result, {
          status: 'seat_limit',
          code: 'SEAT_LIMIT_REACHED',
          message: `No free seat left (limit ${usage.limit}).`,
          remediation:
            'Upgrade your plan for more seats, or remove members or cancel pending invitations.',
        });
      }
    }
    if (dryRun || accepted.length === 0) return;
    await storeInvitations(tx, {
      organizationId,
      organizationName: membership.organization.name,
      actor,
      source,
      accepted,
      limits,
      onProgress,
    });
    stored = true;
  };

  let stored = false;
  await db.transaction(write);
  if (stored) emailsQueued();

  const summary = Object.fromEntries(BULK_STATUSES.map((s) => [s, 0])) as BulkResult['summary'];
  summary.total = results.length;
  for (const result of results) summary[result.status]++;
  return { dryRun, summary, results };
}

/** The `invitationCreate` policies for every row still to invite, with the batch position. */
async function applyPolicies(
  tx: Transaction,
  input: {
    actor: Actor;
    membership: Membership;
    source: OperationSource;
    candidates: Candidate[];
    onProgress?: (event: { phase: 'checking'; done: number; total: number }) => void;
  },
) {
  const { invitationCreate } = organizationRuntime().registries;
  const live = input.candidates.filter(isLive);
  // Nothing registered: nothing to ask (and no context to copy for each of thousands of rows).
  if (invitationCreate.listPolicies().length === 0) return;
  const shared = {
    organizationId: input.membership.organization.id,
    organization: organizationSummary(input.membership),
    inviter: actingMember(input.actor, input.membership.role),
    source: input.source,
    db: policyDatabase(tx),
  };
  let allowed = 0;
  for (const [position, candidate] of live.entries()) {
    const decision = await invitationCreate.evaluate({
      ...shared,
      email: candidate.email,
      role: candidate.role,
      metadata: candidate.metadata,
      batch: { size: live.length, position, allowedBefore: allowed },
    });
    if (position % 250 === 0)
      input.onProgress?.({ phase: 'checking', done: position, total: live.length });
    if (decision.allowed) allowed++;
    else
      refuse(candidate.result, {
        status: 'denied',
        code: decision.code,
        message: decision.message,
        remediation: decision.remediation,
      });
  }
}

function markExisting(
  candidates: Candidate[],
  { members, pending }: { members: Set<string>; pending: Map<string, string> },
) {
  const live = candidates.filter(isLive);
  for (const candidate of live) {
    if (members.has(candidate.email)) {
      refuse(candidate.result, {
        status: 'already_member',
        code: 'ALREADY_MEMBER',
        message: 'Already a member of the organization.',
      });
    } else if (pending.has(candidate.email)) {
      refuse(candidate.result, {
        status: 'already_invited',
        code: 'ALREADY_INVITED',
        message: 'Already has a pending invitation.',
        invitationId: pending.get(candidate.email),
      });
    }
  }
}

/**
 * Rows per chunk while storing: small enough that Node seals the next chunk while PostgreSQL
 * stores this one, large enough that each statement carries real work.
 */
const STORE_CHUNK = 1000;

/**
 * Stores the accepted rows, in the transaction holding the organization lock: the send counters
 * charged, then per chunk the invitations (ids, tokens and sealed emails made for that chunk
 * only), their activity entries and their queued emails. The statements are pipelined on the
 * transaction's connection: nothing waits for an answer until the last one is sent, so Node
 * prepares chunk n+1 while PostgreSQL stores chunk n. Any failure, a counter over its rule
 * included, is thrown once every answer is in (the first in the order sent), and the transaction
 * rolls back.
 */
async function storeInvitations(
  tx: Executor,
  input: {
    organizationId: string;
    organizationName: string;
    actor: Actor;
    source: OperationSource;
    accepted: Candidate[];
    limits: InvitationLimits | undefined;
    onProgress?: (event: { phase: 'storing'; done: number; total: number }) => void;
  },
) {
  const { organizationId, actor, accepted } = input;
  const total = accepted.length;
  const expiresAt = newInvitationExpiry();
  const createdAt = new Date();
  const errors: unknown[] = [];
  const sent: Promise<void>[] = [];
  // Each answer is handled as it comes, so no failure goes unobserved while later chunks are sent.
  // A drizzle query is sent when it is first awaited or `then` is called, once per call: `send`
  // calls `then` exactly once, which is what sends it (a prepared one is sent when made).
  const send = (statement: Promise<unknown>) => {
    const index = sent.length;
    sent.push(
      statement.then(
        () => undefined,
        (error: unknown) => void (errors[index] = error),
      ),
    );
  };

  send(
    chargeInvitationEmails(tx, input.limits, {
      organizationId,
      senderId: actor.userId,
      emails: accepted.map((c) => c.email),
    }),
  );
  for (let done = 0; done < total; done += STORE_CHUNK) {
    input.onProgress?.({ phase: 'storing', done, total });
    const part = accepted.slice(done, done + STORE_CHUNK);
    const tokens = newInvitationTokens(part.length);
    part.forEach((candidate) => (candidate.result.invitationId = newId()));
    const emails = await sealInvitationEmails(
      part.map((candidate, i) => ({
        invitationId: candidate.result.invitationId!,
        organizationId,
        token: tokens[i]!.token,
        email: candidate.email,
        role: candidate.role,
        expiresAt,
        organizationName: input.organizationName,
        inviter: actor,
      })),
    );
    const [chunk] = invitationInserts({
      organizationId,
      actorId: actor.userId,
      apiKey: actor.apiKey,
      source: input.source,
      expiresAt,
      createdAt,
      invitations: part.map((candidate, i) => ({
        id: candidate.result.invitationId!,
        email: candidate.email,
        role: candidate.role,
        tokenHash: tokens[i]!.tokenHash,
        metadata: candidate.metadata,
      })),
    }).chunks;
    const { invitations, activity } = chunk!(sql`true`);
    // Prepared, so that each is bound and run in one write (see executePrepared).
    send(executePrepared(sql`with stored as (${invitations}) ${activity}`, tx));
    send(executePrepared(sealedEmailsInsert(emails, sql`true`), tx));
    // Lets the connection write this chunk out before the next one is sealed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(sent);
  const failure = errors.find((error) => error !== undefined);
  if (failure !== undefined) throw failure;
}
