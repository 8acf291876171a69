import { Button, Card, CardContent, CardHeader, IconClock, toast } from '@kit/ui';
import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { formatRelativeTime } from '../lib/format';
import { fetchMyJoinRequests, withdrawJoinRequest, type JoinRequest } from '../lib/joining';
import { setQueryData, useQuery } from '../lib/query';

const KEY = 'me:join-requests';

/** The signed-in person's pending requests to join, each with Withdraw; nothing when none. */
export function MyJoinRequests() {
  const requests = useQuery(KEY, fetchMyJoinRequests);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const pending = (requests.data ?? []).filter((r) => r.status === 'pending');
  if (pending.length === 0) return null;

  const withdraw = async (request: JoinRequest) => {
    setWithdrawing(request.id);
    try {
      const updated = await withdrawJoinRequest(request.id);
      setQueryData<JoinRequest[]>(KEY, (current = []) =>
        current.map((r) => (r.id === updated.id ? updated : r)),
      );
      toast(`Request to join ${request.organization.name} withdrawn`);
    } catch (error) {
      toast(errorMessage(error), { variant: 'error' });
    } finally {
      setWithdrawing(null);
    }
  };

  return (
    <Card>
      <CardHeader
        title="Your requests to join"
        description="Waiting for an owner or admin to answer."
      />
      <CardContent>
        <ul className="divide-y divide-gray-100" aria-label="Your requests to join">
          {pending.map((request) => (
            <li key={request.id} className="flex items-center gap-3 py-3">
              <IconClock className="size-4 shrink-0 text-gray-400" />
              <p className="min-w-0 flex-1 text-sm text-gray-700">
                <span className="font-medium text-gray-900">{request.organization.name}</span> ·
                asked {formatRelativeTime(request.createdAt)}
              </p>
              <Button
                size="sm"
                variant="secondary"
                loading={withdrawing === request.id}
                loadingText="Withdrawing…"
                onClick={() => void withdraw(request)}
              >
                Withdraw
              </Button>
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
