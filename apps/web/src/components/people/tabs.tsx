import { lazy, Suspense, type ReactNode } from 'react';
import type { Organization, SeatUsage } from '../../lib/organizations';
import { can, roles } from '../../lib/permissions';
import { invitationLists } from './invitation-lists';
import { MembersPanel, RowsSkeleton } from './members-panel';

// The first tab (members) comes with the page; the others are loaded when opened.
const InvitationsPanel = lazy(() =>
  import('./invitations-panel').then((m) => ({ default: m.InvitationsPanel })),
);
const JoinRequestsPanel = lazy(() =>
  import('../join-requests-panel').then((m) => ({ default: m.JoinRequestsPanel })),
);

const loading = (children: ReactNode) => (
  <Suspense fallback={<RowsSkeleton label="Loading" />}>{children}</Suspense>
);

/** What the tabs may show as their counts (totals, not affected by the search). */
export type PeopleCounts = {
  seats?: SeatUsage;
  invitations?: { pending: number; expired: number };
};

/**
 * One tab of the People view. The view shows the tabs of this list that the person may open,
 * in order: a new kind of people (e.g. join requests) is one more entry here.
 */
export type PeopleTab = {
  /** In the URL: `?tab=<id>`. */
  id: string;
  label: string;
  available: (org: Organization) => boolean;
  count?: (counts: PeopleCounts) => number | undefined;
  render: (org: Organization) => ReactNode;
};

export const peopleTabs: PeopleTab[] = [
  {
    id: 'members',
    label: 'Members',
    available: () => true,
    count: (c) => c.seats?.members,
    render: (org) => <MembersPanel org={org} />,
  },
  {
    id: 'pending',
    label: 'Pending',
    available: (org) => can.invite(org.role),
    count: (c) => c.invitations?.pending,
    render: (org) =>
      loading(<InvitationsPanel key="pending" org={org} list={invitationLists.pending} />),
  },
  {
    id: 'expired',
    label: 'Expired',
    available: (org) => can.invite(org.role),
    count: (c) => c.invitations?.expired,
    render: (org) =>
      loading(<InvitationsPanel key="expired" org={org} list={invitationLists.expired} />),
  },
  {
    id: 'history',
    label: 'History',
    available: (org) => can.invite(org.role),
    render: (org) =>
      loading(<InvitationsPanel key="history" org={org} list={invitationLists.history} />),
  },
  {
    id: 'requests',
    label: 'Requests',
    available: (org) => roles.can(org.role, { member: ['create'] }),
    render: (org) => loading(<JoinRequestsPanel key={org.id} org={org} />),
  },
];
