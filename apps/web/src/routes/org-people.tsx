import {
  Button,
  buttonClasses,
  Card,
  CardContent,
  cn,
  focusRing,
  IconUpload,
  IconUserPlus,
} from '@kit/ui';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../components/page-header';
import { peopleTabs, type PeopleCounts } from '../components/people/tabs';
import { SeatUsageMeter } from '../components/seat-usage';
import {
  fetchSeats,
  orgPath,
  queryKeys,
  useCurrentOrganization,
  type Organization,
} from '../lib/organizations';
import { fetchInvitationPage } from '../lib/people';
import { can } from '../lib/permissions';
import { useQuery } from '../lib/query';

// The invitation form (with its CSV-style address parsing and results list) is loaded when it
// first opens, not with the page; pointing at or focusing "Invite people" starts the download.
const loadInviteDialog = () => import('../components/invite-dialog');
const InviteDialog = lazy(() => loadInviteDialog().then((m) => ({ default: m.InviteDialog })));

/** Members, invitations (pending, expired, past) and whatever else a fork lists, in tabs. */
export function Component() {
  const org = useCurrentOrganization();
  const [params] = useSearchParams();
  const tabs = peopleTabs.filter((tab) => tab.available(org));
  const current = tabs.find((tab) => tab.id === params.get('tab')) ?? tabs[0]!;
  const seats = useQuery(queryKeys.seats(org.id), () => fetchSeats(org.id));
  const inviting = can.invite(org.role);
  const invitationCounts = useQuery(inviting ? `org:${org.id}:invitations:counts` : null, () =>
    fetchInvitationPage(org.id, ['pending'], {
      q: '',
      sort: 'created',
      order: 'desc',
      page: 1,
      size: 1,
    }).then((page) => page.counts),
  );
  const counts: PeopleCounts = { seats: seats.data, invitations: invitationCounts.data };
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  if (open && !opened) setOpened(true);

  return (
    <div className="space-y-6">
      <PageHeader
        title="People"
        documentTitle={`People · ${org.name}`}
        description={`Who has access to ${org.name}, and who is invited.`}
        actions={
          inviting ? (
            <>
              <Link
                to={orgPath(org, 'invitations/import')}
                className={buttonClasses({ variant: 'secondary' })}
              >
                <IconUpload className="size-4" />
                Import CSV
              </Link>
              <Button
                onClick={() => setOpen(true)}
                onPointerEnter={() => void loadInviteDialog()}
                onFocus={() => void loadInviteDialog()}
              >
                <IconUserPlus className="size-4" />
                Invite people
              </Button>
            </>
          ) : null
        }
      />

      <Card>
        <CardContent>
          <SeatUsageMeter seats={seats.data} org={org} />
        </CardContent>
      </Card>

      <Card>
        {tabs.length > 1 ? (
          <nav
            aria-label="People lists"
            className="flex gap-1 overflow-x-auto border-b border-gray-950/[0.06] px-3 sm:px-4"
          >
            {tabs.map((tab) => (
              <TabLink
                key={tab.id}
                org={org}
                id={tab.id}
                active={tab.id === current.id}
                count={tab.count?.(counts)}
              >
                {tab.label}
              </TabLink>
            ))}
          </nav>
        ) : null}
        {current.render(org)}
      </Card>

      {inviting && opened ? (
        <Suspense fallback={null}>
          <InviteDialog open={open} onClose={() => setOpen(false)} org={org} seats={seats.data} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** A tab keeps the search; sorting and paging start over. */
function TabLink({
  org,
  id,
  active,
  count,
  children,
}: {
  org: Organization;
  id: string;
  active: boolean;
  count?: number;
  children: string;
}) {
  const [params] = useSearchParams();
  const next = new URLSearchParams({ tab: id });
  const q = params.get('q');
  if (q) next.set('q', q);
  return (
    <Link
      to={`${orgPath(org, 'people')}?${next}`}
      replace
      aria-current={active ? 'page' : undefined}
      className={cn(
        '-mb-px flex shrink-0 items-center gap-2 border-b-2 px-2.5 py-3 text-sm font-medium',
        focusRing,
        active
          ? 'border-brand-600 text-gray-950'
          : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-800',
      )}
    >
      {children}
      {count !== undefined ? (
        <span
          className={cn(
            'rounded-full px-1.5 py-px text-xs tabular-nums',
            active ? 'bg-brand-50 text-brand-700' : 'bg-gray-100 text-gray-700',
          )}
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}
