import { sentence, type Role } from '@kit/auth/roles';
import {
  db,
  invitation,
  member,
  pgArray,
  rowsOf,
  user,
  type Executor,
  type Transaction,
} from '@kit/database';
import { enqueueSealedEmails, type SealedEmail } from '@kit/email';
import type { OperationSource } from '@kit/organization-policies';
import { sql } from 'drizzle-orm';
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
import { livePendingInvitations } from './queries';
import { sealInvitationEmails } from './email';
import { insertInvitations } from './store';
import { chargeInvitationEmails, enforceBulkImportLimit, type InvitationLimits } from './limits';
import { actingMember, organizationSummary, policyDatabase } from './policy-context';

export { BULK_STATUSES, type BulkResult, type BulkRowResult, type BulkStatus };

interface Candidate extends BulkRowResult {
  email: string;
  role: Role;
  metadata: Record<string, unknown>;
}

/**
 * Which of `emails` are members of the organization, and which hold a live pending invitation
 * (with its id): one statement, the addresses bound as one array.
 */
async function existingFor(
  exec: Executor,
  organizationId: string,
  emails: string[],
): Promise<{ members: Set<string>; pending: Map<string, string> }> {
  const addresses = pgArray(emails, 'text');
  const rows = rowsOf<{ kind: 'member' | 'invited'; email: string; id: string | null }>(
    await exec.execute(sql`
      select 'member' as kind, ${user.email} as email, null as id
      from ${member} inner join ${user} on ${user.id} = ${member.userId}
      where ${member.organizationId} = ${organizationId} and ${user.email} = any(${addresses})
      union all
      select 'invited', ${invitation.email}, ${invitation.id}
      from ${invitation}
      where ${livePendingInvitations(organizationId)} and ${invitation.email} = any(${addresses})`),
  );
  const members = new Set<string>();
  const pending = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === 'member') members.add(row.email);
    else pending.set(row.email, row.id!);
  }
  return { members, pending };
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
    const metadataError = metadataProblem(input.metadata);
    const role = (input.role ?? defaultRole ?? roles.defaultRole).trim().toLowerCase();
    const base = {
      row: input.row,
      ...(input.line ? { line: input.line } : {}),
      email: emailResult.success ? emailResult.data : input.email.trim(),
      role,
    };
    if (!emailResult.success) {
      results.push({
        ...base,
        status: 'invalid_email',
        code: 'INVALID_EMAIL',
        message: emailResult.error.issues[0]?.message ?? 'Invalid email.',
      });
    } else if (!roles.isRole(role)) {
      results.push({
        ...base,
        status: 'invalid_role',
        code: 'INVALID_ROLE',
        message: `Unknown role "${role}". Use ${sentence(roles.ids, 'or')}.`,
      });
    } else if (seen.has(base.email)) {
      const duplicateOfRow = seen.get(base.email)!;
      results.push({
        ...base,
        status: 'duplicate_in_file',
        code: 'DUPLICATE_IN_FILE',
        message: `This email appears earlier in the file (row ${duplicateOfRow}).`,
        duplicateOfRow,
      });
    } else if (!roles.mayAssign(membership.role, role)) {
      seen.set(base.email, input.row);
      results.push({
        ...base,
        status: 'denied',
        code: 'ROLE_NOT_ALLOWED',
        message: `You cannot invite someone as ${roleNoun([role], roles)}.`,
      });
    } else if (metadataError) {
      seen.set(base.email, input.row);
      results.push({ ...base, status: 'denied', code: 'VALIDATION_ERROR', message: metadataError });
    } else {
      seen.set(base.email, input.row);
      const candidate: Candidate = { ...base, role, metadata: input.metadata, status: 'invited' };
      candidates.push(candidate);
      results.push(candidate);
    }
  }

  // Ids, tokens and sealed emails for every row still in the running, made before the lock
  // (the few that the checks below refuse are simply not stored).
  const prepared = dryRun
    ? undefined
    : await prepareInvitations(candidates, {
        organizationId,
        organizationName: membership.organization.name,
        actor,
      });

  // Everything below runs under the organization lock: duplicates, then the policies (in file
  // order, seeing the transaction), then seats. A dry run takes the same path and writes nothing.
  const write = async (tx: Transaction) => {
    await lockOrganization(tx, organizationId);
    const toCheck = candidates.filter((c) => c.status === 'invited');
    if (!dryRun && toCheck.length) {
      await tx.execute(sql`
        update ${invitation} set status = 'expired', updated_at = now()
        where ${invitation.organizationId} = ${organizationId} and ${invitation.status} = 'pending'
          and ${invitation.expiresAt} <= now()
          and ${invitation.email} = any(${pgArray(
            toCheck.map((c) => c.email),
            'text',
          )})`);
    }
    await markExisting(tx, organizationId, toCheck);
    await applyPolicies(tx, { actor, membership, source, candidates: toCheck, onProgress });
    const toInvite = toCheck.filter((c) => c.status === 'invited');
    const usage = await seatUsage(tx, organizationId);
    let free = usage.available ?? Number.POSITIVE_INFINITY;
    const accepted: Candidate[] = [];
    for (const candidate of toInvite) {
      if (free > 0) {
        free--;
        accepted.push(candidate);
      } else {
        Object.assign(candidate, {
          status: 'seat_limit',
          code: 'SEAT_LIMIT_REACHED',
          message: `No free seat left (limit ${usage.limit}).`,
          remediation:
            'Upgrade your plan for more seats, or remove members or cancel pending invitations.',
        });
      }
    }
    if (!prepared || accepted.length === 0) return;
    await chargeInvitationEmails(tx, limits, {
      organizationId,
      senderId: actor.userId,
      emails: accepted.map((c) => c.email),
    });
    await storeInvitations(tx, {
      organizationId,
      actor,
      source,
      accepted,
      prepared,
      onProgress,
    });
  };

  await db.transaction(write);

  const summary = Object.fromEntries(BULK_STATUSES.map((s) => [s, 0])) as BulkResult['summary'];
  summary.total = results.length;
  for (const result of results) summary[result.status]++;
  return {
    dryRun,
    summary,
    results: results.map((r) => {
      const { metadata: _metadata, ...rest } = r as Candidate;
      return rest;
    }),
  };
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
  const live = input.candidates.filter((c) => c.status === 'invited');
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
      Object.assign(candidate, {
        status: 'denied',
        code: decision.code,
        message: decision.message,
        remediation: decision.remediation,
      });
  }
}

async function markExisting(exec: Executor, organizationId: string, candidates: Candidate[]) {
  const live = candidates.filter((c) => c.status === 'invited');
  if (!live.length) return;
  const { members, pending } = await existingFor(
    exec,
    organizationId,
    live.map((c) => c.email),
  );
  for (const candidate of live) {
    if (members.has(candidate.email)) {
      Object.assign(candidate, {
        status: 'already_member',
        code: 'ALREADY_MEMBER',
        message: 'Already a member of the organization.',
      });
    } else if (pending.has(candidate.email)) {
      Object.assign(candidate, {
        status: 'already_invited',
        code: 'ALREADY_INVITED',
        message: 'Already has a pending invitation.',
        invitationId: pending.get(candidate.email),
      });
    }
  }
}

interface Prepared {
  invitationId: string;
  tokenHash: string;
  email: SealedEmail;
}

interface PreparedInvitations {
  expiresAt: Date;
  byCandidate: Map<Candidate, Prepared>;
}

async function prepareInvitations(
  candidates: Candidate[],
  input: { organizationId: string; organizationName: string; actor: Actor },
): Promise<PreparedInvitations> {
  const expiresAt = newInvitationExpiry();
  const tokens = newInvitationTokens(candidates.length);
  const ids = candidates.map(() => newId());
  const emails = await sealInvitationEmails(
    candidates.map((candidate, i) => ({
      invitationId: ids[i]!,
      organizationId: input.organizationId,
      token: tokens[i]!.token,
      email: candidate.email,
      role: candidate.role,
      expiresAt,
      organizationName: input.organizationName,
      inviter: input.actor,
    })),
  );
  const byCandidate = new Map<Candidate, Prepared>();
  candidates.forEach((candidate, i) =>
    byCandidate.set(candidate, {
      invitationId: ids[i]!,
      tokenHash: tokens[i]!.tokenHash,
      email: emails[i]!,
    }),
  );
  return { expiresAt, byCandidate };
}

async function storeInvitations(
  tx: Executor,
  input: {
    organizationId: string;
    actor: Actor;
    source: OperationSource;
    accepted: Candidate[];
    prepared: PreparedInvitations;
    onProgress?: (event: { phase: 'storing'; done: number; total: number }) => void;
  },
) {
  const total = input.accepted.length;
  const stored = input.accepted.map((candidate) => {
    const prepared = input.prepared.byCandidate.get(candidate)!;
    candidate.invitationId = prepared.invitationId;
    return { candidate, prepared };
  });
  await insertInvitations(tx, {
    organizationId: input.organizationId,
    actorId: input.actor.userId,
    apiKey: input.actor.apiKey,
    source: input.source,
    expiresAt: input.prepared.expiresAt,
    invitations: stored.map(({ candidate, prepared }) => ({
      id: prepared.invitationId,
      email: candidate.email,
      role: candidate.role,
      tokenHash: prepared.tokenHash,
      metadata: candidate.metadata,
    })),
    onChunk: (done) => input.onProgress?.({ phase: 'storing', done, total }),
  });
  await enqueueSealedEmails(
    tx,
    stored.map(({ prepared }) => prepared.email),
  );
}
