import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  IconSend,
  toast,
  type BadgeVariant,
} from '@kit/ui';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { orgPath, useCurrentOrganization } from '../lib/organizations';
import { can } from '../lib/permissions';
import {
  fetchDeliveries,
  fetchWebhooks,
  retryDelivery,
  type Webhook,
  type WebhookDelivery,
} from '../lib/webhooks';

export function Component() {
  const org = useCurrentOrganization();
  const { webhookId = '' } = useParams();
  if (!can.manageWebhooks(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Delivery log" documentTitle={`Webhooks · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can manage webhooks" />
      </div>
    );
  }
  return <Deliveries key={`${org.id}/${webhookId}`} webhookId={webhookId} />;
}

const STATUS: Record<WebhookDelivery['status'], { label: string; variant: BadgeVariant }> = {
  delivered: { label: 'Delivered', variant: 'success' },
  pending: { label: 'Retrying', variant: 'warning' },
  sending: { label: 'Sending', variant: 'brand' },
  failed: { label: 'Failed', variant: 'danger' },
};

function statusOf(delivery: WebhookDelivery) {
  if (delivery.status === 'pending' && delivery.attempts === 0)
    return { label: 'Queued', variant: 'gray' as const };
  return STATUS[delivery.status];
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const org = useCurrentOrganization();
  const [webhook, setWebhook] = useState<Webhook | null>(null);
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [retrying, setRetrying] = useState<string | null>(null);

  const load = useCallback(
    () =>
      Promise.all([fetchWebhooks(org.id), fetchDeliveries(org.id, webhookId)]).then(
        ([list, page]) => {
          setWebhook(list.find((w) => w.id === webhookId) ?? null);
          setDeliveries(page.deliveries);
          setCursor(page.nextCursor);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [org.id, webhookId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = async () => {
    if (!cursor) return;
    try {
      const page = await fetchDeliveries(org.id, webhookId, cursor);
      setDeliveries((current) => [...(current ?? []), ...page.deliveries]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  const retry = async (delivery: WebhookDelivery) => {
    setRetrying(delivery.id);
    try {
      const updated = await retryDelivery(org.id, webhookId, delivery.id);
      setDeliveries((list) => list?.map((d) => (d.id === updated.id ? updated : d)) ?? null);
      toast('Delivery queued: it is sent again in a moment', { variant: 'success' });
    } catch (e) {
      toast('The delivery was not retried', { description: errorMessage(e), variant: 'error' });
    } finally {
      setRetrying(null);
    }
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Delivery log"
        documentTitle={`Delivery log · Webhooks · ${org.name}`}
        description={webhook ? webhook.url : undefined}
        actions={
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => void load()}>
              Refresh
            </Button>
            <Link
              className="inline-flex items-center rounded-lg px-3 py-1.5 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50"
              to={orgPath(org, 'webhooks')}
            >
              All endpoints
            </Link>
          </div>
        }
      />

      {error ? (
        <Alert variant="error" title="We couldn't load the delivery log">
          {errorMessage(error)}
        </Alert>
      ) : null}

      <Card>
        {deliveries === null ? (
          <p className="p-6 text-sm text-gray-600" role="status">
            Loading deliveries…
          </p>
        ) : deliveries.length === 0 ? (
          <EmptyState
            icon={<IconSend />}
            title="No deliveries yet"
            description="Events this endpoint subscribes to appear here as they are sent."
          />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-gray-600">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Event
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Response
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Attempts
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Time
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-950/[0.05]">
                {deliveries.map((delivery) => {
                  const status = statusOf(delivery);
                  return (
                    <tr key={delivery.id} data-delivery={delivery.id}>
                      <td className="px-4 py-3">
                        <span className="font-mono text-gray-900">{delivery.eventType}</span>
                        <span className="block font-mono text-xs text-gray-600">
                          {delivery.eventId}
                        </span>
                      </td>
                      <td className="px-4 py-3">
                        <Badge variant={status.variant}>{status.label}</Badge>
                      </td>
                      <td className="px-4 py-3 text-gray-700">
                        {delivery.responseStatus !== null
                          ? `HTTP ${delivery.responseStatus}`
                          : (delivery.lastError ?? '—')}
                      </td>
                      <td className="px-4 py-3 text-gray-700">{delivery.attempts}</td>
                      <td className="px-4 py-3 text-gray-700">
                        {formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt)}
                      </td>
                      <td className="px-4 py-3 text-right">
                        <Button
                          size="sm"
                          variant="secondary"
                          loading={retrying === delivery.id}
                          disabled={delivery.status === 'sending'}
                          onClick={() => void retry(delivery)}
                        >
                          Retry now
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {cursor ? (
        <Button variant="secondary" onClick={() => void loadMore()}>
          Load more
        </Button>
      ) : null}
    </div>
  );
}
