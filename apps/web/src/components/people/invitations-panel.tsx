import {
  Alert,
  Badge,
  Button,
  EmptyState,
  IconMail,
  IconRefresh,
  IconSend,
  IconTrash,
  IconX,
  toast,
} from '@kit/ui';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime, formatDeadline, formatRelativeTime } from '../../lib/format';
import {
  invalidateOrganization,
  type Invitation,
  type InvitationStatus,
  type Organization,
} from '../../lib/organizations';
import {
  batchInvitations,
  fetchInvitationPage,
  fetchInvitationsById,
  type BatchAction,
  type BatchResult,
  type InvitationPage,
  type InvitationSort,
} from '../../lib/people';
import { getQueryData, setQueryData, useQuery } from '../../lib/query';
import { startResendCooldown, useResendWait } from '../../lib/resend-cooldown';
import { ConfirmDialog } from '../confirm-dialog';
import { RoleBadge } from '../role-badge';
import { Pagination, SearchBox, SortHeader, useKeptData, useListQuery } from './list-controls';
import { RowsSkeleton } from './members-panel';

const INVITATION_SORTS = ['email', 'role', 'created', 'expires'] as const;
const POLL_MS = 3000;
const POLL_FOR_MS = 60_000;

import { invitationLists, type InvitationList } from './invitation-lists';
import { LoadError } from '../load-error';

export { invitationLists, type InvitationList };

const ACTION = {
  resend: { label: 'Resend', bulk: 'Resend', done: 'resent', icon: IconRefresh, confirm: false },
  cancel: {
    label: 'Cancel',
    bulk: 'Cancel invitations',
    done: 'canceled',
    icon: IconX,
    confirm: true,
  },
  renew: {
    label: 'Send new invitation',
    bulk: 'Send new invitations',
    done: 'sent again',
    icon: IconSend,
    confirm: false,
  },
  remove: { label: 'Remove', bulk: 'Remove', done: 'removed', icon: IconTrash, confirm: true },
} as const satisfies Record<BatchAction, unknown>;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Failure = { email: string; message: string };
type Confirming = { action: 'cancel' | 'remove'; invitations: Invitation[] } | null;

export const invitationListKey = (orgId: string, search: string) =>
  `org:${orgId}:invitations?${search}`;

/** One state of the organization's invitations, a page at a time, with its actions. */
export function InvitationsPanel({ org, list }: { org: Organization; list: InvitationList }) {
  const { query, setSort, setPage, setSize } = useListQuery<InvitationSort>(INVITATION_SORTS, {
    sort: 'created',
    order: (sort) => (sort === 'created' ? 'desc' : 'asc'),
  });
  const key = invitationListKey(
    org.id,
    `status=${list.statuses.join(',')}&q=${query.q}&sort=${query.sort}&order=${query.order}&page=${query.page}&size=${query.size}`,
  );
  const invitations = useQuery(key, () => fetchInvitationPage(org.id, list.statuses, query));
  const page = useKeptData(invitations.data);
  const rows = page?.invitations ?? [];
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [working, setWorking] = useState<{ action: BatchAction; ids: string[] } | null>(null);
  const [failures, setFailures] = useState<{ action: BatchAction; items: Failure[] } | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);

  // Another page, search or sort: the selection was of rows no longer shown.
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    setShownKey(key);
    setSelected(new Set());
    setFailures(null);
  }

  // Emails go out in the background: refresh only the rows on screen that wait for theirs.
  const delivering = rows
    .filter(
      (i) =>
        i.status === 'pending' &&
        (!i.delivery || i.delivery.status === 'queued' || i.delivery.status === 'sending'),
    )
    .map((i) => i.id)
    .join(',');
  useEffect(() => {
    if (!delivering) return;
    const ids = delivering.split(',');
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > POLL_FOR_MS) return window.clearInterval(timer);
      fetchInvitationsById(org.id, list.statuses, ids)
        .then((fresh) => {
          const byId = new Map(fresh.map((i) => [i.id, i]));
          if (!getQueryData<InvitationPage>(key)) return;
          setQueryData<InvitationPage>(key, (current) => ({
            ...current!,
            invitations: current!.invitations.map((i) => byId.get(i.id) ?? i),
          }));
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [delivering, key, org.id, list.statuses]);

  const run = async (action: BatchAction, targets: Invitation[]) => {
    const ids = targets.map((i) => i.id);
    setWorking({ action, ids });
    setFailures(null);
    let result: BatchResult;
    try {
      result = await batchInvitations(org.id, action, ids);
    } finally {
      setWorking(null);
    }
    const emailOf = new Map(targets.map((i) => [i.id, i.email]));
    const items = result.results.flatMap((r) =>
      r.ok ? [] : [{ email: emailOf.get(r.id) ?? r.id, message: r.error.message }],
    );
    const sent = result.results.flatMap((r) => (r.ok ? [r.invitation.email] : []));
    if (action === 'resend' || action === 'renew') startResendCooldown(org.id, sent);
    if (result.failed === 0) {
      toast(
        result.succeeded === 1
          ? `Invitation to ${emailOf.get(ids[0]!)} ${ACTION[action].done}`
          : `${plural(result.succeeded, 'invitation')} ${ACTION[action].done}`,
      );
    } else {
      toast(
        `${result.succeeded} of ${plural(result.results.length, 'invitation')} ${ACTION[action].done}`,
        { description: items.map((f) => `${f.email}: ${f.message}`).join(' '), variant: 'error' },
      );
      setFailures({ action, items });
    }
    // Rows that failed stay selected to try again; the rest have left this list.
    const failed = new Set(result.results.flatMap((r) => (r.ok ? [] : [r.id])));
    setSelected(failed);
    await invalidateOrganization(org.id);
  };

  const start = (action: BatchAction, targets: Invitation[]) => {
    if (action === 'cancel' || action === 'remove') {
      setConfirming({ action, invitations: targets });
      return;
    }
    run(action, targets).catch((error: unknown) =>
      toast(`Couldn't ${ACTION[action].label.toLowerCase()}`, {
        description: errorMessage(error),
        variant: 'error',
      }),
    );
  };

  const selectable = list.actions.length > 0;
  const chosen = rows.filter((i) => selected.has(i.id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3 px-4 py-3.5 sm:px-6">
        <h2 className="text-sm font-semibold text-gray-950">
          {page ? `${page.total} ${list.label.toLowerCase()}` : list.label}
          {query.q ? (
            <span className="font-normal text-gray-500"> matching “{query.q}”</span>
          ) : null}
        </h2>
        <SearchBox label="Search invitations" placeholder="Search by email" />
      </div>

      {selectable && chosen.length > 0 ? (
        <div
          role="region"
          aria-label="Selected invitations"
          className="flex flex-wrap items-center gap-2 border-t border-gray-950/[0.06] bg-brand-50/60 px-4 py-2.5 sm:px-6"
        >
          <p className="mr-auto text-sm font-medium text-gray-900">{chosen.length} selected</p>
          {list.actions.map((action) => {
            const Icon = ACTION[action].icon;
            return (
              <Button
                key={action}
                size="sm"
                variant={ACTION[action].confirm ? 'ghost' : 'secondary'}
                loading={working?.action === action && working.ids.length === chosen.length}
                disabled={working !== null}
                onClick={() => start(action, chosen)}
              >
                <Icon className="size-3.5" />
                {ACTION[action].bulk}
              </Button>
            );
          })}
        </div>
      ) : null}

      {failures ? (
        <div className="border-t border-gray-950/[0.06] p-4 sm:px-6">
          <Alert
            variant="error"
            title={`${plural(failures.items.length, 'invitation')} could not be ${ACTION[failures.action].done}`}
            actions={
              <Button size="sm" variant="secondary" onClick={() => setFailures(null)}>
                Dismiss
              </Button>
            }
          >
            <ul className="list-disc pl-4">
              {failures.items.map((f) => (
                <li key={f.email}>
                  <span className="font-medium">{f.email}</span>: {f.message}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}

      {invitations.error && !page ? (
        <div className="p-5 sm:p-6">
          <LoadError
            what="the invitations"
            error={invitations.error}
            onRetry={() => invitations.refresh()}
          />
        </div>
      ) : !page ? (
        <RowsSkeleton label="Loading invitations" />
      ) : rows.length === 0 ? (
        <div className="border-t border-gray-950/[0.06]">
          <EmptyState
            icon={<IconMail />}
            title={
              query.q
                ? `No ${list.label.toLowerCase()} match “${query.q}”`
                : `No ${list.label.toLowerCase()}`
            }
            description={
              list.kind === 'pending'
                ? 'Invite teammates by email, or import a list from a CSV file.'
                : list.kind === 'expired'
                  ? 'Invitations nobody answered in time show up here, to send again or remove.'
                  : 'Accepted, declined and canceled invitations show up here.'
            }
          />
        </div>
      ) : (
        <table
          className="w-full table-fixed text-left text-sm"
          aria-label={list.label}
          aria-busy={invitations.fetching}
        >
          <thead className="border-y border-gray-950/[0.06] text-xs text-gray-500">
            <tr>
              {selectable ? (
                <th scope="col" className="w-10 py-2.5 pl-4 sm:w-12 sm:pl-6">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allChosen}
                    ref={(el) => {
                      if (el) el.indeterminate = chosen.length > 0 && !allChosen;
                    }}
                    onChange={(event) =>
                      setSelected(event.target.checked ? new Set(rows.map((i) => i.id)) : new Set())
                    }
                    className="size-4 rounded border-gray-300 accent-brand-600"
                  />
                </th>
              ) : null}
              <SortHeader
                column="email"
                query={query}
                onSort={setSort}
                className={selectable ? 'pr-3 pl-2' : 'pr-3 pl-4 sm:pl-6'}
              >
                Email
              </SortHeader>
              <SortHeader
                column="role"
                query={query}
                onSort={setSort}
                className="hidden w-28 px-3 md:table-cell"
              >
                Role
              </SortHeader>
              <SortHeader
                column="created"
                query={query}
                onSort={setSort}
                className="hidden w-32 px-3 lg:table-cell"
              >
                Sent
              </SortHeader>
              <SortHeader
                column="expires"
                query={query}
                onSort={setSort}
                className="hidden w-36 px-3 sm:table-cell"
              >
                {list.kind === 'history' ? 'Answered' : 'Expires'}
              </SortHeader>
              {selectable ? (
                <th
                  scope="col"
                  className="w-32 py-2.5 pr-4 pl-2 text-right font-medium sm:w-64 sm:pr-6"
                >
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-950/[0.05]">
            {rows.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                org={org}
                invitation={invitation}
                list={list}
                selected={selected.has(invitation.id)}
                onSelect={(on) => toggle(invitation.id, on)}
                working={working?.ids.includes(invitation.id) ? working.action : null}
                disabled={working !== null}
                onAction={(action) => start(action, [invitation])}
              />
            ))}
          </tbody>
        </table>
      )}

      {page && page.total > 0 ? (
        <Pagination
          label={list.label.toLowerCase()}
          total={page.total}
          shown={rows.length}
          query={query}
          onPage={setPage}
          onSize={setSize}
        />
      ) : null}

      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        title={
          confirming?.action === 'remove'
            ? confirming.invitations.length === 1
              ? 'Remove this expired invitation?'
              : `Remove ${confirming.invitations.length} expired invitations?`
            : confirming?.invitations.length === 1
              ? 'Cancel this invitation?'
              : `Cancel ${confirming?.invitations.length ?? 0} invitations?`
        }
        description={
          confirming?.invitations.length === 1 ? (
            <>
              {confirming.action === 'remove' ? 'The invitation to ' : 'The link sent to '}
              <strong className="font-medium text-gray-900">
                {confirming.invitations[0]!.email}
              </strong>
              {confirming.action === 'remove'
                ? ' leaves this list. You can invite them again later.'
                : ' stops working right away and its seat is freed. You can invite them again later.'}
            </>
          ) : confirming?.action === 'remove' ? (
            'They leave this list. You can invite these people again later.'
          ) : (
            'Their links stop working right away and their seats are freed. You can invite them again later.'
          )
        }
        cancelLabel={confirming?.action === 'remove' ? 'Keep' : 'Keep invitations'}
        confirmLabel={
          confirming?.action === 'remove'
            ? 'Remove'
            : confirming?.invitations.length === 1
              ? 'Cancel invitation'
              : 'Cancel invitations'
        }
        pendingLabel={confirming?.action === 'remove' ? 'Removing…' : 'Canceling…'}
        destructive
        onConfirm={async () => {
          if (!confirming) return;
          await run(confirming.action, confirming.invitations);
          setConfirming(null);
        }}
      />
    </>
  );
}

function DeliveryBadge({ invitation }: { invitation: Invitation }) {
  const delivery = invitation.delivery;
  if (!delivery) return null;
  if (delivery.status === 'failed') {
    return (
      <Badge variant="danger" dot title={delivery.lastError ?? 'The email could not be delivered.'}>
        Email failed
      </Badge>
    );
  }
  if (delivery.status === 'sent') {
    return (
      <Badge
        variant="success"
        dot
        title={delivery.sentAt ? `Sent ${formatDateTime(delivery.sentAt)}` : undefined}
      >
        Email sent
      </Badge>
    );
  }
  return (
    <Badge variant="gray" dot>
      {delivery.status === 'sending' ? 'Sending email' : 'Email queued'}
    </Badge>
  );
}

const HISTORY_LABEL: Partial<Record<InvitationStatus, string>> = {
  accepted: 'Accepted',
  declined: 'Declined',
  canceled: 'Canceled',
};

function InvitationRow({
  org,
  invitation,
  list,
  selected,
  onSelect,
  working,
  disabled,
  onAction,
}: {
  org: Organization;
  invitation: Invitation;
  list: InvitationList;
  selected: boolean;
  onSelect: (on: boolean) => void;
  working: BatchAction | null;
  disabled: boolean;
  onAction: (action: BatchAction) => void;
}) {
  const resendWait = useResendWait(org.id, invitation);
  const inviter = invitation.inviter?.name || invitation.inviter?.email;
  const failed = list.kind === 'pending' && invitation.delivery?.status === 'failed';
  const answered = list.kind === 'history' ? invitation.respondedAt : null;
  return (
    <tr className={selected ? 'bg-brand-50/40' : undefined}>
      {list.actions.length ? (
        <td className="py-3 pl-4 align-top sm:pl-6">
          <input
            type="checkbox"
            aria-label={`Select ${invitation.email}`}
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
            className="mt-0.5 size-4 rounded border-gray-300 accent-brand-600"
          />
        </td>
      ) : null}
      <td className={list.actions.length ? 'py-3 pr-3 pl-2' : 'py-3 pr-3 pl-4 sm:pl-6'}>
        <div className="min-w-0 space-y-1">
          <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
            <p className="min-w-0 font-medium [overflow-wrap:anywhere] text-gray-950">
              {invitation.email}
            </p>
            <RoleBadge role={invitation.role} className="md:hidden" />
            {list.kind === 'pending' ? <DeliveryBadge invitation={invitation} /> : null}
            {list.kind === 'expired' ? (
              <Badge variant="warning" dot>
                Expired
              </Badge>
            ) : null}
            {list.kind === 'history' ? (
              <Badge variant={invitation.status === 'accepted' ? 'success' : 'gray'} dot>
                {HISTORY_LABEL[invitation.status] ?? invitation.status}
              </Badge>
            ) : null}
          </div>
          <p className="truncate text-xs text-gray-500">
            {inviter ? <>Invited by {inviter} · </> : null}
            <time dateTime={invitation.createdAt} title={formatDateTime(invitation.createdAt)}>
              sent {formatRelativeTime(invitation.createdAt)}
            </time>
          </p>
          {failed ? (
            <p className="text-xs text-red-600">
              The email could not be delivered
              {invitation.delivery?.lastError ? `: ${invitation.delivery.lastError}` : '.'} Check
              the address, then resend.
            </p>
          ) : null}
        </div>
      </td>
      <td className="hidden px-3 py-3 md:table-cell">
        <RoleBadge role={invitation.role} />
      </td>
      <td className="hidden px-3 py-3 whitespace-nowrap text-gray-500 lg:table-cell">
        <time dateTime={invitation.createdAt} title={formatDateTime(invitation.createdAt)}>
          {formatRelativeTime(invitation.createdAt)}
        </time>
      </td>
      <td className="hidden px-3 py-3 whitespace-nowrap text-gray-500 sm:table-cell">
        {answered ? (
          <time dateTime={answered} title={formatDateTime(answered)}>
            {formatRelativeTime(answered)}
          </time>
        ) : (
          <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
            {formatDeadline(invitation.expiresAt)}
          </time>
        )}
      </td>
      {list.actions.length ? (
        <td className="py-3 pr-4 pl-2 sm:pr-6">
          <div className="flex flex-col items-end gap-1.5 sm:flex-row sm:justify-end">
            {list.actions.map((action) => {
              const cooling = action === 'resend' && resendWait > 0;
              const Icon = ACTION[action].icon;
              return (
                <Button
                  key={action}
                  size="sm"
                  variant={ACTION[action].confirm ? 'ghost' : 'secondary'}
                  onClick={() => onAction(action)}
                  disabled={disabled || cooling}
                  loading={working === action}
                  className="whitespace-nowrap"
                >
                  <Icon className="size-3.5" />
                  {cooling ? `${ACTION[action].label} in ${resendWait} s` : ACTION[action].label}
                  <span className="sr-only">
                    {cooling ? ': ' : ' '}
                    {action === 'renew' ? 'to' : 'invitation to'} {invitation.email}
                  </span>
                </Button>
              );
            })}
          </div>
        </td>
      ) : null}
    </tr>
  );
}
