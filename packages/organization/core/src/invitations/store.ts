import {
  insertUnnest,
  invitation,
  organizationActivity,
  type Executor,
  type UnnestColumn,
} from '@kit/database';
import type { OperationSource } from '@kit/organization-policies';
import type { ApiKeyActor } from '../actor';
import { sql, type SQL } from 'drizzle-orm';
import { newId } from '../ids';
import type { InvitationRow } from './queries';

/** One invitation about to be stored. */
export interface NewInvitation {
  id: string;
  email: string;
  role: string;
  tokenHash: string;
  metadata: Record<string, unknown>;
}

const invitationColumns: UnnestColumn<InvitationRow>[] = [
  [invitation.id, 'text', (r) => r.id],
  [invitation.organizationId, 'text', (r) => r.organizationId],
  [invitation.email, 'text', (r) => r.email],
  [invitation.role, 'text', (r) => r.role],
  [invitation.status, 'text', (r) => r.status],
  [invitation.inviterId, 'text', (r) => r.inviterId],
  [invitation.tokenHash, 'text', (r) => r.tokenHash],
  [invitation.metadata, 'jsonb', (r) => JSON.stringify(r.metadata)],
  [invitation.expiresAt, 'timestamptz', (r) => r.expiresAt],
  [invitation.createdAt, 'timestamptz', (r) => r.createdAt],
  [invitation.updatedAt, 'timestamptz', (r) => r.updatedAt],
];

interface ActivityRow {
  id: string;
  targetId: string;
  targetLabel: string;
  data: string;
}

const activityColumns = (
  organizationId: string,
  actorId: string | null,
  apiKey: ApiKeyActor | undefined,
  createdAt: Date,
): UnnestColumn<ActivityRow>[] => [
  [organizationActivity.id, 'text', (r) => r.id],
  [organizationActivity.organizationId, 'text', () => organizationId],
  [organizationActivity.actorId, 'text', () => actorId],
  [organizationActivity.actorType, 'text', () => (apiKey ? 'api_key' : 'user')],
  [organizationActivity.apiKeyId, 'text', () => apiKey?.id ?? null],
  [organizationActivity.apiKeyName, 'text', () => apiKey?.name ?? null],
  [organizationActivity.action, 'text', () => 'invitation.created'],
  [organizationActivity.targetType, 'text', () => 'invitation'],
  [organizationActivity.targetId, 'text', (r) => r.targetId],
  [organizationActivity.targetLabel, 'text', (r) => r.targetLabel],
  [organizationActivity.data, 'jsonb', (r) => r.data],
  [organizationActivity.createdAt, 'timestamptz', () => createdAt],
];

/** Rows per statement: each column is one array parameter, whatever the count. */
const CHUNK = 5000;

/**
 * Stores new pending invitations and their `invitation.created` activity entries: one
 * statement per chunk of up to 5,000 (both inserts in it), with one array per column. Returns
 * the stored rows as they are in the database. Run it in the transaction holding the
 * organization lock, after the checks.
 */
export async function insertInvitations(
  exec: Executor,
  input: NewInvitations & { onChunk?: (done: number) => void },
): Promise<InvitationRow[]> {
  const { rows, chunks } = invitationInserts(input);
  for (let i = 0; i < chunks.length; i++) {
    input.onChunk?.(i * CHUNK);
    const { invitations, activity } = chunks[i]!(sql`true`);
    await exec.execute(sql`with stored as (${invitations}) ${activity}`);
  }
  return rows;
}

interface NewInvitations {
  organizationId: string;
  /** The inviter and the activity's actor. */
  actorId: string;
  /** The API key the invitations were sent with, named by their activity entries. */
  apiKey?: ApiKeyActor;
  source: OperationSource;
  expiresAt: Date;
  /** When they were made: now unless given (an import stored in chunks gives every chunk one time). */
  createdAt?: Date;
  invitations: NewInvitation[];
}

/**
 * The rows `insertInvitations` stores, and per chunk its two inserts as SQL (the invitations
 * when `onlyIf` holds, returning `id`; their activity entries, for the CTE `stored` holding the
 * first), for a caller that puts them in a larger statement.
 */
export function invitationInserts(input: NewInvitations): {
  rows: InvitationRow[];
  chunks: ((onlyIf: SQL) => { invitations: SQL; activity: SQL })[];
} {
  // JS timestamps (millisecond precision), like recordActivity, so cursors round-trip exactly.
  const now = input.createdAt ?? new Date();
  const rows: InvitationRow[] = input.invitations.map((candidate) => ({
    id: candidate.id,
    organizationId: input.organizationId,
    email: candidate.email,
    role: candidate.role,
    status: 'pending',
    expiresAt: input.expiresAt,
    inviterId: input.actorId,
    createdAt: now,
    tokenHash: candidate.tokenHash,
    metadata: candidate.metadata,
    replacedById: null,
    respondedAt: null,
    updatedAt: now,
  }));
  const activity = activityColumns(input.organizationId, input.actorId, input.apiKey, now);
  const chunks: ((onlyIf: SQL) => { invitations: SQL; activity: SQL })[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const entries = part.map((row): ActivityRow => ({
      id: newId(),
      targetId: row.id,
      targetLabel: row.email,
      data: JSON.stringify({ role: row.role, source: input.source }),
    }));
    chunks.push((onlyIf) => ({
      invitations: sql`${insertUnnest(invitation, invitationColumns, part)} where ${onlyIf} returning id`,
      // Only for invitations the first insert stored: none when it stored none.
      activity: sql`${insertUnnest(organizationActivity, activity, entries)} where exists (select 1 from stored)`,
    }));
  }
  return { rows, chunks };
}
