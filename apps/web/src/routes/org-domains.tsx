import {
  Alert,
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  EmptyState,
  FormField,
  IconShieldCheck,
  SelectField,
  Skeleton,
  toast,
} from '@kit/ui';
import { useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { errorMessage, isApiError } from '../lib/api';
import {
  addDomain,
  ENROLLMENT_MODE_LABELS,
  fetchDomains,
  removeDomain,
  setEnrollmentMode,
  verifyDomain,
  type EnrollmentMode,
  type OrganizationDomain,
} from '../lib/joining';
import { useCurrentOrganization } from '../lib/organizations';
import { can, roles } from '../lib/permissions';
import { setQueryData, useQuery } from '../lib/query';

const failureText = (error: unknown) =>
  [errorMessage(error), isApiError(error) ? error.remediation : undefined]
    .filter(Boolean)
    .join(' ');

export function Component() {
  const org = useCurrentOrganization();
  if (!can.updateOrganization(org.role)) {
    return (
      <div className="space-y-6">
        <PageHeader title="Domains" documentTitle={`Domains · ${org.name}`} />
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can see verified domains" />
      </div>
    );
  }
  return <Domains key={org.id} />;
}

function Domains() {
  const org = useCurrentOrganization();
  const owner = roles.isOwner(org.role);
  const key = `domains:${org.id}`;
  const domains = useQuery(key, () => fetchDomains(org.id));
  const [removing, setRemoving] = useState<OrganizationDomain | null>(null);
  const put = (domain: OrganizationDomain) =>
    setQueryData<OrganizationDomain[]>(key, (current = []) =>
      current.some((d) => d.id === domain.id)
        ? current.map((d) => (d.id === domain.id ? domain : d))
        : [domain, ...current],
    );

  return (
    <div className="space-y-6">
      <PageHeader
        title="Domains"
        documentTitle={`Domains · ${org.name}`}
        description={`Prove that an email domain belongs to ${org.name}, then let people with an address at it find and join the organization.`}
      />
      {owner ? <AddDomainCard onAdded={put} /> : null}
      <Card>
        {domains.loading ? (
          <div className="space-y-3 p-6" role="status" aria-label="Loading domains">
            <Skeleton className="h-5 w-1/2" />
          </div>
        ) : domains.error ? (
          <div className="p-6">
            <Alert variant="error">{errorMessage(domains.error)}</Alert>
          </div>
        ) : (domains.data ?? []).length === 0 ? (
          <EmptyState
            icon={<IconShieldCheck />}
            title="No domains yet"
            description={
              owner ? 'Add your work domain above.' : 'An owner can add the organization’s domains.'
            }
            className="py-12"
          />
        ) : (
          <ul className="divide-y divide-gray-100" aria-label="Domains">
            {(domains.data ?? []).map((domain) => (
              <DomainRow
                key={domain.id}
                domain={domain}
                editable={owner}
                onChanged={put}
                onRemove={() => setRemoving(domain)}
              />
            ))}
          </ul>
        )}
      </Card>
      <ConfirmDialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing ? `Remove ${removing.domain}?` : 'Remove domain'}
        description="Automatic invitations and suggestions for this domain stop at once. Members stay members."
        confirmLabel="Remove domain"
        pendingLabel="Removing…"
        destructive
        onConfirm={async () => {
          if (!removing) return;
          await removeDomain(org.id, removing.id);
          setQueryData<OrganizationDomain[]>(key, (current = []) =>
            current.filter((d) => d.id !== removing.id),
          );
          setRemoving(null);
          toast(`${removing.domain} removed`);
        }}
      />
    </div>
  );
}

function AddDomainCard({ onAdded }: { onAdded: (domain: OrganizationDomain) => void }) {
  const org = useCurrentOrganization();
  const [domain, setDomain] = useState('');
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    setPending(true);
    setFailure(null);
    try {
      const added = await addDomain(org.id, { domain, email });
      onAdded(added);
      toast(`Code sent to ${added.verificationEmail}`, {
        description: 'Enter it below within 15 minutes.',
      });
      setDomain('');
      setEmail('');
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <Card>
      <CardHeader
        title="Add a domain"
        description="We email a 6-digit code to an address at the domain. Public mail providers and disposable domains cannot be added."
      />
      <CardContent>
        <form
          className="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormField
            label="Domain"
            value={domain}
            onChange={(e) => setDomain(e.target.value)}
            placeholder="acme.com"
            required
          />
          <FormField
            label="Address at the domain"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder="you@acme.com"
            required
          />
          <Button type="submit" loading={pending} loadingText="Sending…">
            Send code
          </Button>
        </form>
        {failure ? (
          <Alert variant="error" className="mt-4">
            {failure}
          </Alert>
        ) : null}
      </CardContent>
    </Card>
  );
}

function DomainRow({
  domain,
  editable,
  onChanged,
  onRemove,
}: {
  domain: OrganizationDomain;
  editable: boolean;
  onChanged: (domain: OrganizationDomain) => void;
  onRemove: () => void;
}) {
  const org = useCurrentOrganization();
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const verify = async () => {
    setPending(true);
    setFailure(null);
    try {
      onChanged(await verifyDomain(org.id, domain.id, code));
      toast(`${domain.domain} verified`);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      setPending(false);
    }
  };
  const changeMode = async (mode: EnrollmentMode) => {
    setFailure(null);
    try {
      onChanged(await setEnrollmentMode(org.id, domain.id, mode));
      toast(`${domain.domain}: ${ENROLLMENT_MODE_LABELS[mode].label.toLowerCase()}`);
    } catch (error) {
      setFailure(failureText(error));
    }
  };

  return (
    <li className="space-y-3 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm font-medium text-gray-900">{domain.domain}</p>
        {domain.status === 'verified' ? (
          <Badge variant="success">Verified</Badge>
        ) : (
          <Badge variant="warning">Waiting for the code</Badge>
        )}
        <span className="flex-1" />
        {editable ? (
          <Button size="sm" variant="ghost" onClick={onRemove}>
            Remove
          </Button>
        ) : null}
      </div>
      {failure ? <Alert variant="error">{failure}</Alert> : null}
      {domain.status === 'pending' && editable ? (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void verify();
          }}
        >
          <FormField
            label={`Code sent to ${domain.verificationEmail}`}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            containerClassName="sm:w-72"
          />
          <Button type="submit" loading={pending} loadingText="Verifying…">
            Verify
          </Button>
        </form>
      ) : null}
      {domain.status === 'verified' ? (
        <SelectField
          label="Enrollment"
          value={domain.enrollmentMode}
          disabled={!editable}
          onChange={(e) => void changeMode(e.target.value as EnrollmentMode)}
          hint={ENROLLMENT_MODE_LABELS[domain.enrollmentMode].description}
          containerClassName="sm:w-96"
        >
          {Object.entries(ENROLLMENT_MODE_LABELS).map(([mode, { label }]) => (
            <option key={mode} value={mode}>
              {label}
            </option>
          ))}
        </SelectField>
      ) : null}
    </li>
  );
}
