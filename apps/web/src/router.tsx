import { createBrowserRouter, redirect, type LoaderFunctionArgs } from 'react-router';
import { configResource } from './lib/config';
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
  return null;
}

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
        children: [{ path: 'dashboard', lazy: () => import('./routes/dashboard') }],
      },
      { path: 'dev/mailbox', lazy: () => import('./routes/dev-mailbox') },
      { path: '*', lazy: () => import('./routes/not-found') },
    ],
  },
]);
