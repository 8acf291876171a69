import { Badge, type BadgeVariant } from '@kit/ui';
import type { BulkResult, BulkResultRow, BulkStatus } from '../lib/organizations';
import { roleIdList } from '../lib/permissions';

export const BULK_STATUS: Record<
  BulkStatus,
  { label: string; variant: BadgeVariant; reason: string }
> = {
  invited: { label: 'Invited', variant: 'success', reason: 'Invitation sent.' },
  already_member: {
    label: 'Already a member',
    variant: 'gray',
    reason: 'This person is already in the organization.',
  },
  already_invited: {
    label: 'Already invited',
    variant: 'gray',
    reason: 'A pending invitation exists; resend it from the invitations list.',
  },
  invalid_email: {
    label: 'Invalid email',
    variant: 'danger',
    reason: 'Not a valid email address.',
  },
  invalid_role: {
    label: 'Invalid role',
    variant: 'danger',
    reason: `Use ${roleIdList()} (one your role may grant).`,
  },
  duplicate_in_file: {
    label: 'Duplicate',
    variant: 'warning',
    reason: 'This address appears earlier in the list.',
  },
  denied: {
    label: 'Not allowed',
    variant: 'danger',
    reason: 'A policy of the organization denied it.',
  },
  seat_limit: {
    label: 'No seat',
    variant: 'warning',
    reason: 'No seats left on the plan for this invitation.',
  },
};

/** In a dry run the same statuses are predictions: "Will be invited" rather than "Invited". */
export function statusLabel(status: BulkStatus, dryRun = false): string {
  if (dryRun && status === 'invited') return 'Will be invited';
  return BULK_STATUS[status]?.label ?? status;
}

/**
 * Why a row was not invited: for a repeated address the row it repeats, else the server's message
 * (and what to do about it), else a default.
 */
export function rowReason(row: BulkResultRow): string {
  if (row.status === 'duplicate_in_file' && row.duplicateOfRow)
    return `Duplicate of row ${row.duplicateOfRow}.`;
  const reason = row.message || BULK_STATUS[row.status]?.reason || '';
  return row.remediation && row.remediation !== reason ? `${reason} ${row.remediation}` : reason;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 invited · 1 already a member · 1 invalid email". */
export function bulkSummaryText(summary: BulkResult['summary'], dryRun = false): string {
  const parts: string[] = [];
  const add = (n: number | undefined, text: string) => {
    if (n) parts.push(`${n} ${text}`);
  };
  add(summary.invited, dryRun ? 'will be invited' : 'invited');
  add(
    summary.already_member,
    summary.already_member === 1 ? 'already a member' : 'already members',
  );
  add(summary.already_invited, 'already invited');
  add(summary.invalid_email, summary.invalid_email === 1 ? 'invalid email' : 'invalid emails');
  add(summary.invalid_role, summary.invalid_role === 1 ? 'invalid role' : 'invalid roles');
  add(summary.duplicate_in_file, summary.duplicate_in_file === 1 ? 'duplicate' : 'duplicates');
  add(summary.denied, 'not allowed');
  add(summary.seat_limit, 'over the seat limit');
  if (!parts.length) return `${plural(summary.total, 'row')}, nothing to do`;
  return parts.join(' · ');
}

export function StatusBadge({ status, dryRun = false }: { status: BulkStatus; dryRun?: boolean }) {
  return (
    <Badge variant={BULK_STATUS[status]?.variant ?? 'gray'} dot>
      {statusLabel(status, dryRun)}
    </Badge>
  );
}

/** Per-address results of inviting several people, with the reason for each one not invited. */
export function BulkResultList({
  rows,
  dryRun = false,
}: {
  rows: BulkResultRow[];
  dryRun?: boolean;
}) {
  return (
    <ul
      className="divide-y divide-gray-100 rounded-lg ring-1 ring-gray-950/[0.07]"
      aria-label="Results"
    >
      {rows.map((row) => (
        <li
          key={`${row.row}-${row.email}`}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-2.5"
        >
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-gray-900">{row.email || '(empty)'}</p>
            {row.status !== 'invited' ? (
              <p className="text-xs text-gray-600">{rowReason(row)}</p>
            ) : null}
          </div>
          <StatusBadge status={row.status} dryRun={dryRun} />
        </li>
      ))}
    </ul>
  );
}
