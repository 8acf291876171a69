import { JoinRequestsPanel } from '../components/join-requests-panel';
import { OwnersAndAdminsOnly } from '../components/owners-and-admins-only';
import { PageHeader } from '../components/page-header';
import { useCurrentOrganization } from '../lib/organizations';
import { roles } from '../lib/permissions';

/** Pending join requests (the requests email links here). */
export function Component() {
  const org = useCurrentOrganization();
  const header = (
    <PageHeader
      title="Join requests"
      documentTitle={`Join requests · ${org.name}`}
      description={`People who asked to join ${org.name}. Approving adds them and takes a seat.`}
    />
  );
  if (!roles.can(org.role, { member: ['create'] })) {
    return (
      <div className="space-y-6">
        {header}
        <OwnersAndAdminsOnly org={org} title="Only owners and admins can answer join requests" />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {header}
      <JoinRequestsPanel key={org.id} org={org} />
    </div>
  );
}
