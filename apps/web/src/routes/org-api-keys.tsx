import {
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  FormField,
  IconLock,
  IconPlus,
  SelectField,
  toast,
} from '@kit/ui';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { SecretShownOnce } from '../components/secret-shown-once';
import { ConfirmDialog } from '../components/confirm-dialog';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import {
  API_KEY_SCOPES,
  createApiKey,
  EXPIRY_CHOICES,
  fetchApiKeys,
  revokeApiKey,
  SCOPE_DESCRIPTIONS,
  type ApiKey,
  type ApiKeyScope,
} from '../lib/api-keys';
import { errorMessage } from '../lib/api';
import { formatDate, formatRelativeTime } from '../lib/format';
import { useCurrentOrganization } from '../lib/organizations';
import { can } from '../lib/permissions';
import { LoadError } from '../components/load-error';

export function Component() {
  const org = useCurrentOrganization();
  if (!can.manageApiKeys(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="API keys" documentTitle={`API keys · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can manage API keys" />
      </div>
    );
  }
  return <ApiKeys key={org.id} />;
}

const isExpired = (key: ApiKey) =>
  key.expiresAt !== null && Date.parse(key.expiresAt) <= Date.now();

function ApiKeys() {
  const org = useCurrentOrganization();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const load = useCallback(
    () =>
      fetchApiKeys(org.id).then(
        (list) => {
          setError(null);
          setKeys(list);
        },
        (e: unknown) => setError(e),
      ),
    [org.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="API keys"
        documentTitle={`API keys · ${org.name}`}
        description={`Keys let your scripts and integrations invite and manage people in ${org.name} through the API. A key acts with your role, within the scopes you choose.`}
        actions={
          <Button onClick={() => setCreating(true)}>
            <IconPlus className="size-4" aria-hidden />
            Create API key
          </Button>
        }
      />

      <p className="text-sm text-gray-600">
        Organization ID for the API:{' '}
        <code
          className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-800"
          aria-label="Organization ID"
        >
          {org.id}
        </code>
      </p>

      {created ? (
        <SecretShownOnce
          title={`API key “${created.name}” created: copy it now`}
          secret={created.secret}
          label="New API key"
          copyLabel="Copy key"
          copiedMessage="API key copied"
          onDone={() => setCreated(null)}
        >
          <p>
            It is shown only this once. Send it with each request as{' '}
            <code>Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </SecretShownOnce>
      ) : null}

      {error && !keys ? (
        <LoadError what="the API keys" error={error} onRetry={() => load()} />
      ) : null}

      <Card>
        {keys === null ? (
          <p className="p-6 text-sm text-gray-600" role="status">
            Loading API keys…
          </p>
        ) : keys.length === 0 ? (
          <EmptyState
            icon={<IconLock />}
            title="No API keys yet"
            description="Create a key to invite people or read members from your own systems."
          />
        ) : (
          <ul className="divide-y divide-gray-950/[0.05]" aria-label="API keys">
            {keys.map((key) => (
              <li
                key={key.id}
                className="flex flex-wrap items-start gap-3 p-4 sm:p-6"
                aria-label={key.name}
              >
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-gray-950">{key.name}</span>
                    <code className="rounded bg-gray-100 px-1.5 py-0.5 font-mono text-xs text-gray-700">
                      {key.prefix}…
                    </code>
                    {isExpired(key) ? <Badge variant="gray">Expired</Badge> : null}
                  </p>
                  <p className="flex flex-wrap gap-1.5" aria-label="Scopes">
                    {key.scopes.map((scope) => (
                      <Badge key={scope} variant="brand">
                        {scope}
                      </Badge>
                    ))}
                  </p>
                  <p className="text-sm text-gray-600">
                    Created {formatDate(key.createdAt)}
                    {key.createdBy ? ` by ${key.createdBy.name || key.createdBy.email}` : ''} ·{' '}
                    {key.lastUsedAt
                      ? `last used ${formatRelativeTime(key.lastUsedAt)}`
                      : 'never used'}{' '}
                    ·{' '}
                    {key.expiresAt
                      ? `${isExpired(key) ? 'expired' : 'expires'} ${formatDate(key.expiresAt)}`
                      : 'never expires'}
                  </p>
                </div>
                <Button size="sm" variant="ghost" onClick={() => setRevoking(key)}>
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <CreateKeyDialog
        open={creating}
        orgId={org.id}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated({ name: result.apiKey.name, secret: result.secret });
          setKeys((list) => [result.apiKey, ...(list ?? [])]);
        }}
      />

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this API key?"
        description={`Requests made with “${revoking?.name ?? ''}” (${revoking?.prefix ?? ''}…) are refused from now on. This cannot be undone.`}
        confirmLabel="Revoke key"
        destructive
        onConfirm={async () => {
          if (!revoking) return;
          await revokeApiKey(org.id, revoking.id);
          setKeys((list) => list?.filter((k) => k.id !== revoking.id) ?? null);
          setRevoking(null);
          toast('API key revoked', { variant: 'success' });
        }}
      />
    </div>
  );
}

function CreateKeyDialog({
  open,
  orgId,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgId: string;
  onClose: () => void;
  onCreated: (result: { apiKey: ApiKey; secret: string }) => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['invitations:write', 'members:read']);
  const [expiry, setExpiry] = useState('90');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setName('');
    setScopes(['invitations:write', 'members:read']);
    setExpiry('90');
    setError(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const days = expiry === 'never' ? undefined : Number(expiry);
      onCreated(
        await createApiKey(orgId, {
          name: name.trim(),
          scopes,
          ...(days ? { expiresInDays: days } : {}),
        }),
      );
      reset();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={() => {
        if (pending) return;
        reset();
        onClose();
      }}
      title="Create an API key"
      description="The key is shown once, right after it is created."
      dismissible={!pending}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button
            onClick={() => void submit()}
            loading={pending}
            disabled={scopes.length === 0 || !name.trim()}
          >
            Create key
          </Button>
        </>
      }
    >
      <form className="space-y-4" onSubmit={(e) => void submit(e)} noValidate>
        <FormField
          label="Name"
          placeholder="HR sync"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={80}
          error={error ?? undefined}
          required
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-gray-900">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="flex items-start gap-2 text-sm text-gray-700">
              <input
                type="checkbox"
                className="mt-0.5"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((current) =>
                    e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                  )
                }
              />
              <span>
                <span className="font-mono text-gray-900">{scope}</span>
                <span className="block text-gray-600">{SCOPE_DESCRIPTIONS[scope]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <SelectField label="Expires" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          {EXPIRY_CHOICES.map((choice) => (
            <option key={choice.label} value={choice.days === null ? 'never' : String(choice.days)}>
              {choice.label}
            </option>
          ))}
        </SelectField>
      </form>
    </Dialog>
  );
}
