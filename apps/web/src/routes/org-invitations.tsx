import {
  EmptyState,
  Alert,
  Badge,
  Button,
  buttonClasses,
  Card,
  cn,
  focusRing,
  IconMail,
  IconRefresh,
  IconUpload,
  IconUserPlus,
  IconX,
  Skeleton,
  toast,
} from '@kit/ui';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmDialog } from '../components/confirm-dialog';
import { InviteDialog } from '../components/invite-dialog';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { RoleBadge } from '../components/role-badge';
import { SeatUsageMeter } from '../components/seat-usage';
import { errorMessage, isApiError } from '../lib/api';
import { formatDateTime, formatDeadline, formatRelativeTime } from '../lib/format';
import {
  cancelInvitation,
  fetchInvitations,
  fetchSeats,
  invalidateOrganization,
  orgPath,
  queryKeys,
  resendInvitation,
  useCurrentOrganization,
  type Invitation,
} from '../lib/organizations';
import { can } from '../lib/permissions';
import { useSecondsUntil } from '../lib/wait';
import { getQueryData, setQueryData, useQuery } from '../lib/query';

const POLL_MS = 3000;
const POLL_FOR_MS = 60_000;

/** Pending and expired invitations can still be acted on; the rest are history. */
const isOpen = (i: Invitation) => i.status === 'pending' || i.status === 'expired';

export function Component() {
  const org = useCurrentOrganization();
  if (!can.invite(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Invitations" documentTitle={`Invitations · ${org.name}`} />
        <OwnersAndAdminsOnly
          org={org}
          title="Only owners and admins manage invitations"
          description="Ask an admin of the organization if you'd like someone to join."
        />
      </div>
    );
  }
  return <Invitations />;
}

function Invitations() {
  const org = useCurrentOrganization();
  const [params] = useSearchParams();
  const tab = params.get('tab') === 'history' ? 'history' : 'pending';
  const key = queryKeys.invitations(org.id);
  const invitations = useQuery(key, () => fetchInvitations(org.id, 'all'));
  const seats = useQuery(queryKeys.seats(org.id), () => fetchSeats(org.id));
  const [inviting, setInviting] = useState(false);
  const [canceling, setCanceling] = useState<Invitation | null>(null);
  const [resending, setResending] = useState<string | null>(null);

  const all = invitations.data ?? [];
  const open = all.filter(isOpen);
  const history = all.filter((i) => !isOpen(i) && i.status !== 'replaced');
  const shown = tab === 'history' ? history : open;

  // The invitation email goes out in the background: follow its delivery for a while.
  const delivering = open.some(
    (i) =>
      i.status === 'pending' &&
      (!i.delivery || i.delivery.status === 'queued' || i.delivery.status === 'sending'),
  );
  const { refresh } = invitations;
  useEffect(() => {
    if (!delivering) return;
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > POLL_FOR_MS) window.clearInterval(timer);
      else void refresh();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [delivering, refresh]);

  const resend = async (invitation: Invitation) => {
    setResending(invitation.id);
    try {
      const fresh = await resendInvitation(org.id, invitation.id);
      setQueryData<Invitation[]>(key, (current = []) => [
        fresh,
        ...current.map((i) => (i.id === invitation.id ? { ...i, status: 'replaced' as const } : i)),
      ]);
      void invalidateOrganization(org.id);
      toast(`Invitation resent to ${invitation.email}`, {
        description: 'A fresh link is on its way; the earlier one no longer works.',
      });
    } catch (error) {
      toast(`Couldn't resend the invitation to ${invitation.email}`, {
        description: [errorMessage(error), isApiError(error) ? error.remediation : undefined]
          .filter(Boolean)
          .join(' '),
        variant: 'error',
      });
    } finally {
      setResending(null);
    }
  };

  const cancel = async (invitation: Invitation) => {
    setCanceling(null);
    const previous = getQueryData<Invitation[]>(key);
    setQueryData<Invitation[]>(key, (current = []) =>
      current.map((i) =>
        i.id === invitation.id
          ? { ...i, status: 'canceled' as const, respondedAt: new Date().toISOString() }
          : i,
      ),
    );
    try {
      await cancelInvitation(org.id, invitation.id);
      void invalidateOrganization(org.id);
      toast(`Invitation to ${invitation.email} canceled`, {
        description: 'Its link no longer works.',
      });
    } catch (error) {
      if (previous) setQueryData(key, previous);
      toast(`Couldn't cancel the invitation to ${invitation.email}`, {
        description: errorMessage(error),
        variant: 'error',
      });
    }
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invitations"
        documentTitle={`Invitations · ${org.name}`}
        description={`People invited to ${org.name} who haven't joined yet.`}
        actions={
          <>
            <Link
              to={orgPath(org, 'invitations/import')}
              className={buttonClasses({ variant: 'secondary' })}
            >
              <IconUpload className="size-4" />
              Import CSV
            </Link>
            <Button onClick={() => setInviting(true)}>
              <IconUserPlus className="size-4" />
              Invite people
            </Button>
          </>
        }
      />

      <Card className="p-5 sm:px-6">
        <SeatUsageMeter seats={seats.data} />
      </Card>

      <Card>
        <nav
          aria-label="Invitation lists"
          className="flex gap-1 border-b border-gray-950/[0.06] px-3 sm:px-4"
        >
          <TabLink
            to="?tab=pending"
            active={tab === 'pending'}
            count={invitations.data ? open.length : undefined}
          >
            Pending
          </TabLink>
          <TabLink to="?tab=history" active={tab === 'history'}>
            History
          </TabLink>
        </nav>

        {invitations.error && !invitations.data ? (
          <div className="p-5 sm:p-6">
            <Alert
              variant="error"
              title="We couldn't load the invitations"
              actions={
                <Button size="sm" variant="secondary" onClick={() => void invitations.refresh()}>
                  Try again
                </Button>
              }
            >
              {errorMessage(invitations.error)}
            </Alert>
          </div>
        ) : invitations.loading ? (
          <ListSkeleton />
        ) : shown.length === 0 ? (
          tab === 'pending' ? (
            <EmptyState
              icon={<IconMail />}
              title="No pending invitations"
              description="Invite teammates by email, or import a list from a CSV file."
              action={
                <Button onClick={() => setInviting(true)}>
                  <IconUserPlus className="size-4" />
                  Invite people
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<IconMail />}
              title="No past invitations"
              description="Accepted, declined and canceled invitations will show up here."
            />
          )
        ) : (
          <ul
            aria-label={tab === 'history' ? 'Past invitations' : 'Pending invitations'}
            className="divide-y divide-gray-950/[0.05]"
          >
            {shown.map((invitation) => (
              <InvitationRow
                key={invitation.id}
                invitation={invitation}
                resending={resending === invitation.id}
                onResend={() => void resend(invitation)}
                onCancel={() => setCanceling(invitation)}
              />
            ))}
          </ul>
        )}
      </Card>

      <InviteDialog
        open={inviting}
        onClose={() => setInviting(false)}
        org={org}
        seats={seats.data}
      />

      <ConfirmDialog
        open={canceling !== null}
        onClose={() => setCanceling(null)}
        title="Cancel this invitation?"
        description={
          <>
            The link sent to{' '}
            <strong className="font-medium text-gray-900">{canceling?.email}</strong> stops working
            right away and its seat is freed. You can invite them again later.
          </>
        }
        cancelLabel="Keep invitation"
        confirmLabel="Cancel invitation"
        destructive
        onConfirm={() => (canceling ? cancel(canceling) : undefined)}
      />
    </div>
  );
}

function TabLink({
  to,
  active,
  count,
  children,
}: {
  to: string;
  active: boolean;
  count?: number;
  children: string;
}) {
  return (
    <Link
      to={to}
      replace
      aria-current={active ? 'page' : undefined}
      className={cn(
        '-mb-px flex items-center gap-2 border-b-2 px-2.5 py-3 text-sm font-medium',
        focusRing,
        active
          ? 'border-brand-600 text-gray-950'
          : 'border-transparent text-gray-500 hover:border-gray-300 hover:text-gray-800',
      )}
    >
      {children}
      {count !== undefined ? (
        <span
          className={cn(
            'rounded-full px-1.5 py-px text-xs tabular-nums',
            active ? 'bg-brand-50 text-brand-700' : 'bg-gray-100 text-gray-600',
          )}
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}

const STATUS_BADGE: Record<
  Invitation['status'],
  { label: string; variant: 'gray' | 'success' | 'warning' | 'danger' | 'brand' }
> = {
  pending: { label: 'Pending', variant: 'brand' },
  accepted: { label: 'Accepted', variant: 'success' },
  declined: { label: 'Declined', variant: 'gray' },
  canceled: { label: 'Canceled', variant: 'gray' },
  expired: { label: 'Expired', variant: 'warning' },
  replaced: { label: 'Replaced', variant: 'gray' },
};

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

function InvitationRow({
  invitation,
  resending,
  onResend,
  onCancel,
}: {
  invitation: Invitation;
  resending: boolean;
  onResend: () => void;
  onCancel: () => void;
}) {
  const open = isOpen(invitation);
  const expired = invitation.status === 'expired';
  const failed = invitation.delivery?.status === 'failed';
  const inviter = invitation.inviter?.name || invitation.inviter?.email;
  const resendWait = useSecondsUntil(invitation.resendAvailableAt);

  return (
    <li className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
      <div className="min-w-0 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <p className="truncate text-sm font-medium text-gray-950">{invitation.email}</p>
          <RoleBadge role={invitation.role} />
          {open ? (
            expired ? (
              <Badge variant="warning" dot>
                Expired
              </Badge>
            ) : (
              <DeliveryBadge invitation={invitation} />
            )
          ) : (
            <Badge variant={STATUS_BADGE[invitation.status].variant} dot>
              {STATUS_BADGE[invitation.status].label}
            </Badge>
          )}
        </div>
        <p className="text-xs text-gray-500">
          {inviter ? <>Invited by {inviter} · </> : null}
          <time dateTime={invitation.createdAt} title={formatDateTime(invitation.createdAt)}>
            sent {formatRelativeTime(invitation.createdAt)}
          </time>
          {open ? (
            <>
              {' · '}
              <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
                {expired ? 'expired' : 'expires'} {formatDeadline(invitation.expiresAt)}
              </time>
            </>
          ) : invitation.respondedAt ? (
            <>
              {' · '}
              <time
                dateTime={invitation.respondedAt}
                title={formatDateTime(invitation.respondedAt)}
              >
                {STATUS_BADGE[invitation.status].label.toLowerCase()}{' '}
                {formatRelativeTime(invitation.respondedAt)}
              </time>
            </>
          ) : null}
        </p>
        {open && failed ? (
          <p className="text-xs text-red-600">
            The email could not be delivered
            {invitation.delivery?.lastError ? `: ${invitation.delivery.lastError}` : '.'} Check the
            address, then resend.
          </p>
        ) : null}
      </div>
      {open ? (
        <div className="flex shrink-0 items-center gap-2">
          {resendWait > 0 ? (
            <span className="text-xs text-gray-500" role="status">
              You can resend in {resendWait} s
            </span>
          ) : null}
          <Button
            size="sm"
            variant="secondary"
            onClick={onResend}
            disabled={resendWait > 0}
            loading={resending}
            loadingText="Resending…"
            aria-label={`Resend invitation to ${invitation.email}`}
          >
            <IconRefresh className="size-3.5" />
            Resend
          </Button>
          {!expired ? (
            <Button
              size="sm"
              variant="ghost"
              onClick={onCancel}
              aria-label={`Cancel invitation to ${invitation.email}`}
            >
              <IconX className="size-3.5" />
              Cancel
            </Button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function ListSkeleton() {
  return (
    <div className="divide-y divide-gray-950/[0.05]" role="status" aria-label="Loading invitations">
      {[0, 1, 2].map((i) => (
        <div key={i} className="flex items-center justify-between gap-4 px-5 py-4 sm:px-6">
          <div className="space-y-2">
            <Skeleton className="h-3.5 w-52" />
            <Skeleton className="h-3 w-72 max-w-full" />
          </div>
          <Skeleton className="h-8 w-36" />
        </div>
      ))}
    </div>
  );
}
