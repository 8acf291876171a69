import { createBrowserRouter, redirect, type LoaderFunctionArgs } from 'react-router';
import { configResource } from './lib/config';
import { activateOrganization, findOrganization, loadOrganizations } from './lib/organizations';
import { safeRedirect, signInPath, withQuery } from './lib/redirect';
import { sessionResource } from './lib/session';
import { Root, RootErrorBoundary, RootHydrateFallback } from './root';

/** Config and session are needed by every page: fetch them once, before the first render. */
async function rootLoader() {
  await Promise.all([configResource.load(), sessionResource.load()]);
  return null;
}

/** Pages for signed-out people: a signed-in visitor goes on to where they were heading. */
async function guestOnly({ request }: LoaderFunctionArgs) {
  if (await sessionResource.load()) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')));
  }
  return null;
}

/**
 * The app itself: a signed-out visitor signs in first and comes back here. A verification link
 * that failed lands on its callback URL with ?error=…: that is shown on the verify-email page.
 */
async function requireSession({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const linkError = url.searchParams.get('error');
  const session = await sessionResource.load();
  if (!session) {
    throw redirect(
      linkError
        ? withQuery('/verify-email', { error: linkError })
        : signInPath(url.pathname + url.search),
    );
  }
  if (linkError) {
    // Already signed in (e.g. the link was opened twice): nothing to report.
    url.searchParams.delete('error');
    throw redirect(url.pathname + url.search + url.hash);
  }
  await loadOrganizations(session.user.id);
  return null;
}

/**
 * An organization's pages: `:org` is its slug (or id). Loaders run in parallel, so this one waits
 * for the session itself. An organization missing from the list may have just been joined: the
 * list is fetched again once before answering 404. Opening an organization makes it the active one.
 */
async function organizationLoader({ params }: LoaderFunctionArgs) {
  const session = await sessionResource.load();
  if (!session) return null; // requireSession redirects to sign-in.
  let org = findOrganization(await loadOrganizations(session.user.id), params.org);
  if (!org)
    org = findOrganization(await loadOrganizations(session.user.id, { force: true }), params.org);
  if (!org) throw new Response('Organization not found', { status: 404 });
  if (session.session.activeOrganizationId !== org.id) {
    const id = org.id;
    void activateOrganization(id)
      .then(() => {
        const current = sessionResource.get();
        if (current) {
          sessionResource.set({
            ...current,
            session: { ...current.session, activeOrganizationId: id },
          });
        }
      })
      .catch(() => undefined);
  }
  return null;
}

const peopleUrl = (org: string | undefined, tab: string) =>
  `/orgs/${encodeURIComponent(org ?? '')}/people?tab=${tab}`;

export const router = createBrowserRouter([
  {
    id: 'root',
    path: '/',
    loader: rootLoader,
    Component: Root,
    HydrateFallback: RootHydrateFallback,
    ErrorBoundary: RootErrorBoundary,
    children: [
      {
        index: true,
        loader: async () => redirect((await sessionResource.load()) ? '/dashboard' : '/sign-in'),
        // The loader always redirects; this only keeps the router from warning about an empty route.
        Component: () => null,
      },
      { path: 'sign-in', loader: guestOnly, lazy: () => import('./routes/sign-in') },
      { path: 'sign-up', loader: guestOnly, lazy: () => import('./routes/sign-up') },
      {
        path: 'forgot-password',
        loader: guestOnly,
        lazy: () => import('./routes/forgot-password'),
      },
      { path: 'verify-email', lazy: () => import('./routes/verify-email') },
      { path: 'reset-password', lazy: () => import('./routes/reset-password') },
      {
        loader: requireSession,
        lazy: () => import('./routes/app-layout'),
        children: [
          { path: 'dashboard', lazy: () => import('./routes/dashboard') },
          { path: 'orgs/new', lazy: () => import('./routes/org-new') },
          { path: 'account', lazy: () => import('./routes/account') },
          {
            path: 'orgs/:org',
            id: 'organization',
            loader: organizationLoader,
            lazy: () => import('./routes/org-layout'),
            children: [
              {
                index: true,
                loader: ({ params }) => redirect(peopleUrl(params.org, 'members')),
                Component: () => null,
              },
              { path: 'people', lazy: () => import('./routes/org-people') },
              // The People view replaced these pages: old links open the matching tab.
              {
                path: 'members',
                loader: ({ params }) => redirect(peopleUrl(params.org, 'members')),
                Component: () => null,
              },
              {
                path: 'invitations',
                loader: ({ params, request }) =>
                  redirect(
                    peopleUrl(
                      params.org,
                      new URL(request.url).searchParams.get('tab') === 'history'
                        ? 'history'
                        : 'pending',
                    ),
                  ),
                Component: () => null,
              },
              { path: 'invitations/import', lazy: () => import('./routes/org-import') },
              { path: 'activity', lazy: () => import('./routes/org-activity') },
              { path: 'invite-links', lazy: () => import('./routes/org-invite-links') },
              { path: 'requests', lazy: () => import('./routes/org-requests') },
              { path: 'domains', lazy: () => import('./routes/org-domains') },
              { path: 'settings', lazy: () => import('./routes/org-settings') },
              { path: 'webhooks', lazy: () => import('./routes/org-webhooks') },
              { path: 'api-keys', lazy: () => import('./routes/org-api-keys') },
              {
                path: 'webhooks/:webhookId',
                lazy: () => import('./routes/org-webhook-deliveries'),
              },
              { path: 'plan', lazy: () => import('./routes/org-plan') },
            ],
          },
        ],
      },
      { path: 'invite/:token', lazy: () => import('./routes/accept-invitation') },
      { path: 'join/:token', lazy: () => import('./routes/join-link') },
      { path: 'dev/mailbox', lazy: () => import('./routes/dev-mailbox') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]);
