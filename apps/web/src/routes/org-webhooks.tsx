import { Badge, Button, Card, EmptyState, FormField, IconSend, toast } from '@kit/ui';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { SecretShownOnce } from '../components/secret-shown-once';
import { ConfirmDialog } from '../components/confirm-dialog';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { errorMessage } from '../lib/api';
import { orgPath, useCurrentOrganization } from '../lib/organizations';
import { can } from '../lib/permissions';
import {
  createWebhook,
  deleteWebhook,
  fetchWebhooks,
  updateWebhook,
  WEBHOOK_EVENT_GROUPS,
  WEBHOOK_EVENT_TYPES,
  type Webhook,
  type WebhookEventType,
} from '../lib/webhooks';
import { LoadError } from '../components/load-error';

export function Component() {
  const org = useCurrentOrganization();
  if (!can.manageWebhooks(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Webhooks" documentTitle={`Webhooks · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can manage webhooks" />
      </div>
    );
  }
  return <Webhooks key={org.id} />;
}

function Webhooks() {
  const org = useCurrentOrganization();
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);

  const load = useCallback(
    () =>
      fetchWebhooks(org.id).then(
        (list) => {
          setError(null);
          setWebhooks(list);
        },
        (e: unknown) => setError(e),
      ),
    [org.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const toggle = async (webhook: Webhook) => {
    try {
      const updated = await updateWebhook(org.id, webhook.id, {
        status: webhook.status === 'enabled' ? 'disabled' : 'enabled',
      });
      setWebhooks((list) => list?.map((w) => (w.id === updated.id ? updated : w)) ?? null);
      toast(updated.status === 'enabled' ? 'Endpoint enabled' : 'Endpoint disabled', {
        variant: 'success',
      });
    } catch (e) {
      toast('The endpoint was not changed', { description: errorMessage(e), variant: 'error' });
    }
  };

  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        documentTitle={`Webhooks · ${org.name}`}
        description={`Signed HTTPS requests to your systems when people join, leave or are invited to ${org.name}.`}
      />

      {created ? (
        <SecretShownOnce
          title="Endpoint added: copy its signing secret now"
          secret={created.secret}
          label="Signing secret"
          copyLabel="Copy secret"
          copiedMessage="Secret copied"
          onDone={() => setCreated(null)}
        >
          <p>
            Requests to {created.url} are signed with this secret. It is shown only once; use it to
            verify the <code>webhook-signature</code> header.
          </p>
        </SecretShownOnce>
      ) : null}

      <NewEndpoint
        orgId={org.id}
        onCreated={(result) => {
          setCreated({ url: result.webhook.url, secret: result.secret });
          setWebhooks((list) => [...(list ?? []), result.webhook]);
        }}
      />

      {error && !webhooks ? (
        <LoadError what="the webhooks" error={error} onRetry={() => load()} />
      ) : null}

      <Card>
        {webhooks === null ? (
          <p className="p-6 text-sm text-gray-600" role="status">
            Loading endpoints…
          </p>
        ) : webhooks.length === 0 ? (
          <EmptyState
            icon={<IconSend />}
            title="No endpoints yet"
            description="Add an endpoint above to receive events."
          />
        ) : (
          <ul className="divide-y divide-gray-950/[0.05]" aria-label="Webhook endpoints">
            {webhooks.map((webhook) => (
              <li key={webhook.id} className="flex flex-wrap items-start gap-3 p-4 sm:p-6">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="font-mono text-sm break-all text-gray-900">{webhook.url}</p>
                  <p className="text-sm text-gray-600">
                    {webhook.events.length === WEBHOOK_EVENT_TYPES.length
                      ? 'All events'
                      : webhook.events.join(', ')}
                  </p>
                  {webhook.disabledReason ? (
                    <p className="text-sm text-gray-600">{webhook.disabledReason}</p>
                  ) : null}
                </div>
                <Badge variant={webhook.status === 'enabled' ? 'success' : 'gray'}>
                  {webhook.status === 'enabled' ? 'Enabled' : 'Disabled'}
                </Badge>
                <div className="flex flex-wrap gap-2">
                  <Link
                    className="inline-flex items-center rounded-lg px-3 py-1.5 text-sm font-medium text-gray-900 ring-1 ring-gray-300 hover:bg-gray-50"
                    to={orgPath(org, `webhooks/${webhook.id}`)}
                  >
                    Delivery log
                  </Link>
                  <Button size="sm" variant="secondary" onClick={() => void toggle(webhook)}>
                    {webhook.status === 'enabled' ? 'Disable' : 'Enable'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(webhook)}>
                    Delete
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this endpoint?"
        description={`Nothing more is sent to ${deleting?.url ?? ''}, and its delivery log is deleted.`}
        confirmLabel="Delete endpoint"
        destructive
        onConfirm={async () => {
          if (!deleting) return;
          await deleteWebhook(org.id, deleting.id);
          setWebhooks((list) => list?.filter((w) => w.id !== deleting.id) ?? null);
          setDeleting(null);
          toast('Endpoint deleted', { variant: 'success' });
        }}
      />
    </div>
  );
}

function NewEndpoint({
  orgId,
  onCreated,
}: {
  orgId: string;
  onCreated: (result: { webhook: Webhook; secret: string }) => void;
}) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      onCreated(await createWebhook(orgId, { url: url.trim(), events }));
      setUrl('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Card>
      <form className="space-y-4 p-4 sm:p-6" onSubmit={(e) => void submit(e)} noValidate>
        <h2 className="text-base font-semibold text-gray-900">Add an endpoint</h2>
        <FormField
          label="Endpoint URL"
          type="url"
          placeholder="https://example.com/webhooks"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={error ?? undefined}
          required
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-900">Events</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {WEBHOOK_EVENT_GROUPS.map((group) => (
              <fieldset key={group.label} className="space-y-1.5">
                <legend className="text-xs font-medium text-gray-600">{group.label}</legend>
                {group.types.map((type) => (
                  <label key={type} className="flex items-center gap-2 text-sm text-gray-700">
                    <input
                      type="checkbox"
                      checked={events.includes(type)}
                      onChange={(e) =>
                        setEvents((current) =>
                          e.target.checked ? [...current, type] : current.filter((t) => t !== type),
                        )
                      }
                    />
                    <span className="font-mono">{type}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </fieldset>
        <Button type="submit" loading={pending} disabled={events.length === 0}>
          Add endpoint
        </Button>
      </form>
    </Card>
  );
}
