import {
  IconActivity,
  IconInbox,
  IconLayoutDashboard,
  IconLink,
  IconLock,
  IconSend,
  IconSettings,
  IconShieldCheck,
  IconSparkles,
  IconUsers,
} from '@kit/ui';
import { useEffect } from 'react';
import { Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { AppShell, type NavSection } from '../components/app-shell';
import { OrgSwitcher } from '../components/org-switcher';
import {
  findOrganization,
  orgPath,
  organizationsResource,
  useActiveOrganization,
  useOrganizations,
  type Organization,
} from '../lib/organizations';
import { can } from '../lib/permissions';
import { signInPath } from '../lib/redirect';
import { sessionResource, useSession } from '../lib/session';

/** Re-check the session when the tab comes back after this long, in case it ended elsewhere. */
const SESSION_RECHECK_MS = 60_000;

function navigationFor(org: Organization | undefined): NavSection[] {
  const sections: NavSection[] = [
    { items: [{ to: '/dashboard', label: 'Dashboard', icon: IconLayoutDashboard }] },
  ];
  if (!org) return sections;
  sections.push({
    label: org.name,
    items: [
      { to: orgPath(org, 'people'), label: 'People', icon: IconUsers },
      ...(can.invite(org.role)
        ? [
            { to: orgPath(org, 'invite-links'), label: 'Invite links', icon: IconLink },
            { to: orgPath(org, 'requests'), label: 'Join requests', icon: IconInbox },
          ]
        : []),
      ...(can.readActivity(org.role)
        ? [{ to: orgPath(org, 'activity'), label: 'Activity', icon: IconActivity }]
        : []),
      ...(can.manageWebhooks(org.role)
        ? [{ to: orgPath(org, 'webhooks'), label: 'Webhooks', icon: IconSend }]
        : []),
      ...(can.manageApiKeys(org.role)
        ? [{ to: orgPath(org, 'api-keys'), label: 'API keys', icon: IconLock }]
        : []),
      { to: orgPath(org, 'plan'), label: 'Plan', icon: IconSparkles },
      ...(can.updateOrganization(org.role)
        ? [{ to: orgPath(org, 'domains'), label: 'Domains', icon: IconShieldCheck }]
        : []),
      { to: orgPath(org, 'settings'), label: 'Settings', icon: IconSettings },
    ],
  });
  return sections;
}

export function Component() {
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = location.pathname + location.search;
  const organizations = useOrganizations();
  const active = useActiveOrganization();
  // On an organization's pages, that organization; elsewhere (dashboard, /orgs/new) the active one.
  const orgMatch = useMatches().find((match) => match.id === 'organization');
  const current = orgMatch ? findOrganization(organizations, orgMatch.params.org) : active;

  useEffect(() => {
    const onVisible = async () => {
      if (document.visibilityState !== 'visible') return;
      if (Date.now() - sessionResource.updatedAt() < SESSION_RECHECK_MS) return;
      const data = await sessionResource.load({ force: true }).catch(() => undefined);
      if (data === null) await navigate(signInPath(returnTo), { replace: true });
      // Roles may have changed meanwhile (someone promoted or removed this person).
      else void organizationsResource.load({ force: true }).catch(() => undefined);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [navigate, returnTo]);

  // Signing out clears the session and then navigates away; render nothing in between.
  if (!user) return null;
  return (
    <AppShell
      user={user}
      nav={navigationFor(current)}
      headerStart={organizations.length ? <OrgSwitcher current={current} /> : undefined}
    >
      <Outlet />
    </AppShell>
  );
}
