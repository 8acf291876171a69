import {
  Alert,
  Badge,
  Button,
  Card,
  Dialog,
  EmptyState,
  FormField,
  IconCheck,
  IconLink,
  IconPlus,
  SelectField,
  Skeleton,
  toast,
  type BadgeVariant,
} from '@kit/ui';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { errorMessage, isApiError } from '../lib/api';
import { formatDate } from '../lib/format';
import {
  createInviteLink,
  fetchInviteLinks,
  parseDomains,
  revokeInviteLink,
  usageText,
  type InviteLink,
} from '../lib/joining';
import { useCurrentOrganization } from '../lib/organizations';
import { can, roles, roleWord } from '../lib/permissions';
import { setQueryData, useQuery } from '../lib/query';

const STATUS: Record<InviteLink['status'], { label: string; variant: BadgeVariant }> = {
  active: { label: 'Active', variant: 'success' },
  revoked: { label: 'Revoked', variant: 'gray' },
  expired: { label: 'Expired', variant: 'warning' },
  used_up: { label: 'Used up', variant: 'warning' },
};

export function Component() {
  const org = useCurrentOrganization();
  if (!can.invite(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Invite links" documentTitle={`Invite links · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can manage invite links" />
      </div>
    );
  }
  return <InviteLinks key={org.id} />;
}

function InviteLinks() {
  const org = useCurrentOrganization();
  const key = `invite-links:${org.id}`;
  const links = useQuery(key, () => fetchInviteLinks(org.id));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ url: string; link: InviteLink } | null>(null);
  const [revoking, setRevoking] = useState<InviteLink | null>(null);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Invite links"
        documentTitle={`Invite links · ${org.name}`}
        description={`Share a link in your team chat: anyone who opens it can join ${org.name} (or ask to).`}
        actions={
          <Button onClick={() => setCreating(true)}>
            <IconPlus className="size-4" />
            Create link
          </Button>
        }
      />
      {created ? <NewLinkCard url={created.url} onDone={() => setCreated(null)} /> : null}
      <Card>
        {links.loading ? (
          <div className="space-y-3 p-6" role="status" aria-label="Loading invite links">
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="h-5 w-2/3" />
          </div>
        ) : links.error ? (
          <div className="p-6">
            <Alert variant="error">{errorMessage(links.error)}</Alert>
          </div>
        ) : (links.data ?? []).length === 0 ? (
          <EmptyState
            icon={<IconLink />}
            title="No invite links yet"
            description="Create a link to let people join without an emailed invitation."
            className="py-12"
          />
        ) : (
          <ul className="divide-y divide-gray-100" aria-label="Invite links">
            {(links.data ?? []).map((link) => (
              <li key={link.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-900">
                    <span className="capitalize">{roleWord(link.role)}</span> link
                    <Badge variant={STATUS[link.status].variant}>{STATUS[link.status].label}</Badge>
                    {link.requiresApproval ? <Badge variant="brand">Needs approval</Badge> : null}
                  </p>
                  <p className="text-sm text-gray-500">
                    {usageText(link)} · {link.status === 'expired' ? 'expired' : 'expires'}{' '}
                    {formatDate(link.expiresAt)}
                    {link.allowedDomains.length
                      ? ` · only ${link.allowedDomains.map((d) => `@${d}`).join(', ')}`
                      : ''}
                    {link.createdBy ? ` · by ${link.createdBy.name}` : ''}
                  </p>
                </div>
                {link.status === 'active' ? (
                  <Button variant="secondary" size="sm" onClick={() => setRevoking(link)}>
                    Revoke
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <CreateLinkDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
          setQueryData<InviteLink[]>(key, (current = []) => [result.link, ...current]);
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title="Revoke this link?"
        description="The link stops working at once. People who already joined stay members."
        confirmLabel="Revoke link"
        pendingLabel="Revoking…"
        destructive
        onConfirm={async () => {
          if (!revoking) return;
          const revoked = await revokeInviteLink(org.id, revoking.id);
          setQueryData<InviteLink[]>(key, (current = []) =>
            current.map((l) => (l.id === revoked.id ? revoked : l)),
          );
          setRevoking(null);
          toast('Link revoked', { description: 'It no longer works.' });
        }}
      />
    </div>
  );
}

/** The URL, shown once: it is never listed again (only its hash is stored). */
function NewLinkCard({ url, onDone }: { url: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      toast('Link copied');
    } catch {
      toast('Select the link and copy it', { variant: 'error' });
    }
  };
  return (
    <Alert variant="success" title="Your new invite link">
      <div className="mt-2 space-y-3">
        <p>Copy it now: for security, it is shown only once.</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <FormField
            label="Invite link"
            value={url}
            readOnly
            containerClassName="flex-1"
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="flex items-end gap-2">
            <Button onClick={() => void copy()}>
              {copied ? <IconCheck className="size-4" /> : null}
              {copied ? 'Copied' : 'Copy link'}
            </Button>
            <Button variant="ghost" onClick={onDone}>
              Done
            </Button>
          </div>
        </div>
      </div>
    </Alert>
  );
}

function CreateLinkDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (result: { link: InviteLink; url: string }) => void;
}) {
  const org = useCurrentOrganization();
  const assignable: string[] = roles.assignable(org.role);
  const [role, setRole] = useState<string>(
    assignable.includes(roles.defaultRole) ? roles.defaultRole : (assignable[0] ?? ''),
  );
  const [days, setDays] = useState('7');
  const [maxUses, setMaxUses] = useState('');
  const [domains, setDomains] = useState('');
  const [approval, setApproval] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async () => {
    setPending(true);
    setFailure(null);
    try {
      const result = await createInviteLink(org.id, {
        role,
        expiresInDays: Number(days),
        maxUses: maxUses.trim() ? Number(maxUses) : null,
        allowedDomains: parseDomains(domains),
        requiresApproval: approval,
      });
      onCreated(result);
      setMaxUses('');
      setDomains('');
      setApproval(false);
    } catch (error) {
      setFailure(
        [errorMessage(error), isApiError(error) ? error.remediation : undefined]
          .filter(Boolean)
          .join(' '),
      );
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Create an invite link"
      description={`Anyone with the link can join ${org.name} until it expires or you revoke it.`}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button onClick={() => void submit()} loading={pending} loadingText="Creating…">
            Create link
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {failure ? <Alert variant="error">{failure}</Alert> : null}
        <SelectField label="Role" value={role} onChange={(e) => setRole(e.target.value)}>
          {assignable.map((r) => (
            <option key={r} value={r}>
              {roles.label(r)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Expires after" value={days} onChange={(e) => setDays(e.target.value)}>
          {['1', '7', '14', '30'].map((d) => (
            <option key={d} value={d}>
              {d === '1' ? '1 day' : `${d} days`}
            </option>
          ))}
        </SelectField>
        <FormField
          label="Maximum uses"
          type="number"
          min={1}
          inputMode="numeric"
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          hint="Leave empty for no limit."
        />
        <FormField
          label="Allowed email domains"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          placeholder="acme.com"
          hint="Separate several with commas. Leave empty to allow any address."
        />
        <label className="flex items-start gap-3 text-sm text-gray-700">
          <input
            type="checkbox"
            checked={approval}
            onChange={(e) => setApproval(e.target.checked)}
            className="mt-0.5 size-4 rounded border-gray-300"
          />
          <span>
            <span className="font-medium text-gray-900">Require approval</span>
            <span className="block text-gray-500">
              People who open the link ask to join; an owner or admin approves them.
            </span>
          </span>
        </label>
      </form>
    </Dialog>
  );
}
