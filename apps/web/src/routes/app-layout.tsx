import { useEffect } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { AppShell } from '../components/app-shell';
import { signInPath } from '../lib/redirect';
import { sessionResource, useSession } from '../lib/session';

/** Re-check the session when the tab comes back after this long, in case it ended elsewhere. */
const SESSION_RECHECK_MS = 60_000;

export function Component() {
  const { user } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const returnTo = location.pathname + location.search;

  useEffect(() => {
    const onVisible = async () => {
      if (document.visibilityState !== 'visible') return;
      if (Date.now() - sessionResource.updatedAt() < SESSION_RECHECK_MS) return;
      const data = await sessionResource.load({ force: true }).catch(() => undefined);
      if (data === null) await navigate(signInPath(returnTo), { replace: true });
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [navigate, returnTo]);

  // Signing out clears the session and then navigates away; render nothing in between.
  if (!user) return null;
  return (
    <AppShell user={user}>
      <Outlet />
    </AppShell>
  );
}
