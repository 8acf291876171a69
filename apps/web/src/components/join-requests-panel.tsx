import {
  Alert,
  Avatar,
  Button,
  Card,
  Dialog,
  EmptyState,
  IconInbox,
  SelectField,
  Skeleton,
  TextareaField,
  toast,
} from '@kit/ui';
import { useState } from 'react';
import { errorMessage, isApiError } from '../lib/api';
import { formatRelativeTime } from '../lib/format';
import {
  approveJoinRequest,
  fetchJoinRequests,
  rejectJoinRequest,
  type JoinRequest,
} from '../lib/joining';
import { invalidateOrganization, type Organization } from '../lib/organizations';
import { roles } from '../lib/permissions';
import { setQueryData, useQuery } from '../lib/query';

export const joinRequestsKey = (orgId: string) => `join-requests:${orgId}`;

const failureText = (error: unknown) =>
  [errorMessage(error), isApiError(error) ? error.remediation : undefined]
    .filter(Boolean)
    .join(' ');

/**
 * The organization's pending join requests, each approved with a chosen role or rejected with an
 * optional reason. Self-contained (it fetches its own data), so a page or a tab can host it.
 */
export function JoinRequestsPanel({ org }: { org: Organization }) {
  const key = joinRequestsKey(org.id);
  const requests = useQuery(key, () => fetchJoinRequests(org.id, 'pending'));
  const [approving, setApproving] = useState<JoinRequest | null>(null);
  const [rejecting, setRejecting] = useState<JoinRequest | null>(null);
  const remove = (id: string) =>
    setQueryData<JoinRequest[]>(key, (current = []) => current.filter((r) => r.id !== id));

  return (
    <Card>
      {requests.loading ? (
        <div className="space-y-3 p-6" role="status" aria-label="Loading join requests">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-5 w-2/3" />
        </div>
      ) : requests.error ? (
        <div className="p-6">
          <Alert variant="error">{errorMessage(requests.error)}</Alert>
        </div>
      ) : (requests.data ?? []).length === 0 ? (
        <EmptyState
          as="h2"
          icon={<IconInbox />}
          title="No pending requests"
          description="When someone asks to join through a link that needs approval, they show up here."
          className="py-12"
        />
      ) : (
        <ul className="divide-y divide-gray-100" aria-label="Join requests">
          {(requests.data ?? []).map((request) => (
            <li key={request.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start">
              <div className="flex min-w-0 flex-1 gap-3">
                <Avatar name={request.user.name} />
                <div className="min-w-0 space-y-1">
                  <p className="text-sm font-medium text-gray-900">{request.user.name}</p>
                  <p className="truncate text-sm text-gray-500">
                    {request.user.email} · asked {formatRelativeTime(request.createdAt)}
                  </p>
                  {request.message ? (
                    <blockquote className="text-sm text-gray-700">“{request.message}”</blockquote>
                  ) : null}
                </div>
              </div>
              <div className="flex shrink-0 gap-2">
                <Button size="sm" onClick={() => setApproving(request)}>
                  Approve
                </Button>
                <Button size="sm" variant="secondary" onClick={() => setRejecting(request)}>
                  Reject
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ApproveDialog
        org={org}
        request={approving}
        onClose={() => setApproving(null)}
        onDone={(request, role) => {
          remove(request.id);
          setApproving(null);
          void invalidateOrganization(org.id);
          toast(`${request.user.name} joined ${org.name}`, {
            description: `As ${roles.label(role).toLowerCase()}. We emailed them.`,
          });
        }}
      />
      <RejectDialog
        org={org}
        request={rejecting}
        onClose={() => setRejecting(null)}
        onDone={(request) => {
          remove(request.id);
          setRejecting(null);
          toast(`Request from ${request.user.name} rejected`, {
            description: 'We emailed them.',
          });
        }}
      />
    </Card>
  );
}

function ApproveDialog({
  org,
  request,
  onClose,
  onDone,
}: {
  org: Organization;
  request: JoinRequest | null;
  onClose: () => void;
  onDone: (request: JoinRequest, role: string) => void;
}) {
  const assignable: string[] = roles.assignable(org.role);
  const preferred = request?.role && assignable.includes(request.role) ? request.role : null;
  const [role, setRole] = useState<string | null>(null);
  const chosen =
    role ??
    preferred ??
    (assignable.includes(roles.defaultRole) ? roles.defaultRole : assignable[0]!);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    if (pending) return;
    setRole(null);
    setFailure(null);
    onClose();
  };
  const approve = async () => {
    if (!request) return;
    setPending(true);
    setFailure(null);
    try {
      await approveJoinRequest(org.id, request.id, chosen);
      setRole(null);
      onDone(request, chosen);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog
      open={request !== null}
      onClose={close}
      title={request ? `Approve ${request.user.name}?` : 'Approve'}
      description={
        request ? `${request.user.email} joins ${org.name} and takes a seat.` : undefined
      }
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={() => void approve()} loading={pending} loadingText="Approving…">
            Approve
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {failure ? <Alert variant="error">{failure}</Alert> : null}
        <SelectField label="Role" value={chosen} onChange={(e) => setRole(e.target.value)}>
          {assignable.map((r) => (
            <option key={r} value={r}>
              {roles.label(r)}
            </option>
          ))}
        </SelectField>
      </div>
    </Dialog>
  );
}

function RejectDialog({
  org,
  request,
  onClose,
  onDone,
}: {
  org: Organization;
  request: JoinRequest | null;
  onClose: () => void;
  onDone: (request: JoinRequest) => void;
}) {
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    if (pending) return;
    setReason('');
    setFailure(null);
    onClose();
  };
  const reject = async () => {
    if (!request) return;
    setPending(true);
    setFailure(null);
    try {
      await rejectJoinRequest(org.id, request.id, reason);
      setReason('');
      onDone(request);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Dialog
      open={request !== null}
      onClose={close}
      title={request ? `Reject ${request.user.name}’s request?` : 'Reject'}
      description="We email them that the request was declined, with your reason if you give one."
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => void reject()}
            loading={pending}
            loadingText="Rejecting…"
          >
            Reject request
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {failure ? <Alert variant="error">{failure}</Alert> : null}
        <TextareaField
          label="Reason (optional)"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          hint="Optional. The requester sees it in the email."
        />
      </div>
    </Dialog>
  );
}
