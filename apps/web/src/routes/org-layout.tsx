import { buttonClasses, Card, EmptyState, IconBuilding } from '@kit/ui';
import { isRouteErrorResponse, Link, Outlet, useRouteError } from 'react-router';
import { PageTitle } from '../components/page-title';
import { OrganizationNotFoundError } from '../lib/organizations';

export function Component() {
  return <Outlet />;
}

/** An organization that does not exist, or that the person is not (or no longer) a member of. */
export function ErrorBoundary() {
  const error = useRouteError();
  const notFound =
    (isRouteErrorResponse(error) && error.status === 404) ||
    error instanceof OrganizationNotFoundError;
  if (!notFound) throw error;
  return (
    <Card>
      <PageTitle title="Organization not found" />
      <EmptyState
        as="h1"
        icon={<IconBuilding />}
        title="Organization not found"
        description="It may have been deleted, or you are not a member of it. Ask one of its admins for an invitation."
        action={
          <Link to="/dashboard" className={buttonClasses({ variant: 'secondary' })}>
            Back to dashboard
          </Link>
        }
        className="py-16"
      />
    </Card>
  );
}
