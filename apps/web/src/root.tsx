import {
  Button,
  buttonClasses,
  IconAlertTriangle,
  IconRefresh,
  PageSpinner,
  Toaster,
} from '@kit/ui';
import { isRouteErrorResponse, Outlet, ScrollRestoration, useRouteError } from 'react-router';
import { LogoMark } from './components/brand';
import { NavigationProgress } from './components/navigation-progress';
import { ApiError, NETWORK_ERROR } from './lib/api';
import { configResource } from './lib/config';

export function Root() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
      <Toaster />
      <ScrollRestoration />
    </>
  );
}

/** Shown while the configuration and session load on the first visit. */
export function RootHydrateFallback() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-gray-50">
      <h1 className="sr-only">Loading</h1>
      <PageSpinner label="Loading" className="min-h-0" />
    </main>
  );
}

function describeError(error: unknown): { title: string; message: string; reload: boolean } {
  if (error instanceof ApiError && (error.code === NETWORK_ERROR || error.status >= 500)) {
    return {
      title: "We can't reach the server",
      message:
        'The service may be restarting or your connection may be down. Try again in a moment.',
      reload: true,
    };
  }
  const text = error instanceof Error ? error.message : '';
  if (/dynamically imported module|Importing a module script failed|Failed to fetch/i.test(text)) {
    return {
      title: 'A new version is available',
      message: 'The app was updated while this page was open. Reload to get the latest version.',
      reload: true,
    };
  }
  if (isRouteErrorResponse(error) && error.status === 404) {
    return {
      title: 'Page not found',
      message: "We couldn't find the page you're looking for.",
      reload: false,
    };
  }
  return {
    title: 'Something went wrong',
    message: 'An unexpected error occurred. Reloading the page usually fixes it.',
    reload: true,
  };
}

/** The last-resort error screen. It does not rely on the configuration, which may be what failed. */
export function RootErrorBoundary() {
  const error = useRouteError();
  const { title, message, reload } = describeError(error);
  if (import.meta.env.DEV) console.error(error);
  const productName = configResource.get()?.productName;

  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-gray-50 px-4 py-16">
      <title>{productName ? `${title} · ${productName}` : title}</title>
      <main className="w-full max-w-md text-center">
        <LogoMark className="mx-auto mb-8 size-10" />
        <div
          role="alert"
          className="rounded-card bg-white px-6 py-8 shadow-sm ring-1 ring-gray-950/[0.07]"
        >
          <div className="mx-auto mb-4 flex size-11 items-center justify-center rounded-full bg-amber-50 text-amber-500 ring-1 ring-amber-600/15">
            <IconAlertTriangle className="size-5" />
          </div>
          <h1 className="text-lg font-semibold text-gray-950">{title}</h1>
          <p className="mt-2 text-sm text-gray-500">{message}</p>
          <div className="mt-6 flex flex-wrap justify-center gap-3">
            {reload ? (
              <Button onClick={() => window.location.reload()}>
                <IconRefresh className="size-4" />
                Try again
              </Button>
            ) : null}
            <a href="/" className={buttonClasses({ variant: 'secondary' })}>
              Go to the home page
            </a>
          </div>
        </div>
      </main>
    </div>
  );
}
