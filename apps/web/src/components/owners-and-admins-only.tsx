import { buttonClasses, Card, EmptyState, IconLock } from '@kit/ui';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { peoplePath, type Organization } from '../lib/organizations';

/**
 * What a member sees on a page reserved for owners and admins (the API refuses it anyway). Its
 * title is an h2 under the page's own h1 (PageHeader); `h1` when the page shows no header.
 */
export function OwnersAndAdminsOnly({
  org,
  title,
  description,
  headingLevel,
}: {
  org: Organization;
  title: string;
  description?: ReactNode;
  headingLevel?: 'h1' | 'h2';
}) {
  return (
    <Card>
      <EmptyState
        as={headingLevel ?? 'h2'}
        icon={<IconLock />}
        title={title}
        description={description}
        action={
          <Link to={peoplePath(org, 'members')} className={buttonClasses({ variant: 'secondary' })}>
            See members
          </Link>
        }
      />
    </Card>
  );
}
