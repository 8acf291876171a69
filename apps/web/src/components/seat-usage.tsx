import { cn, Meter, Skeleton, textLinkClasses } from '@kit/ui';
import { Link } from 'react-router';
import { peoplePath, type Organization, type SeatUsage } from '../lib/organizations';
import { can } from '../lib/permissions';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function planName(plan: string): string {
  return plan ? plan.charAt(0).toUpperCase() + plan.slice(1) : 'Free';
}

/** "3 of 5 seats used" and what takes them (members, pending invitations). */
export function seatSummary(seats: SeatUsage): string {
  const used = seats.members + seats.pending;
  const parts = [plural(seats.members, 'member')];
  if (seats.pending) parts.push(plural(seats.pending, 'pending invitation'));
  return seats.limit === null
    ? `${parts.join(', ')} · unlimited seats`
    : `${used} of ${seats.limit} seats used · ${parts.join(', ')}`;
}

/** The organization's seat meter: used (members + pending invitations) against the plan's limit. */
export function SeatUsageMeter({
  seats,
  className,
  compact = false,
  org,
}: {
  seats: SeatUsage | undefined;
  className?: string;
  compact?: boolean;
  /** Links the members and pending invitations to where the People view lists them. */
  org?: Organization;
}) {
  if (!seats) {
    return (
      <div className={cn('space-y-2', className)} aria-hidden="true">
        <Skeleton className="h-4 w-40" />
        <Skeleton className="h-2 w-full" />
      </div>
    );
  }
  const used = seats.members + seats.pending;
  const full = seats.available === 0;
  return (
    <div className={cn('space-y-2', className)}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm">
        <p className="font-medium text-gray-900">
          {seats.limit === null ? (
            <>Unlimited seats</>
          ) : (
            <>
              {used} of {seats.limit} seats used
            </>
          )}
          {compact ? null : (
            <span className="ml-2 font-normal text-gray-500">{planName(seats.plan)} plan</span>
          )}
        </p>
        <p className={cn('text-gray-500', full && 'font-medium text-red-600')}>
          {seats.available === null
            ? plural(seats.members, 'member')
            : full
              ? 'No seats left'
              : `${plural(seats.available, 'seat')} available`}
        </p>
      </div>
      {seats.limit !== null ? (
        <Meter label="Seats used" value={used} max={seats.limit} valueText={seatSummary(seats)} />
      ) : null}
      {!compact && (seats.pending || org) ? (
        <p className="text-xs text-gray-500">
          <PeopleLink org={org} tab="members">
            {plural(seats.members, 'member')}
          </PeopleLink>
          {seats.pending ? (
            <>
              {' and '}
              <PeopleLink org={org && can.invite(org.role) ? org : undefined} tab="pending">
                {plural(seats.pending, 'pending invitation')}
              </PeopleLink>{' '}
              (each invitation holds a seat until it is answered or expires)
            </>
          ) : null}
          .
        </p>
      ) : null}
    </div>
  );
}

function PeopleLink({
  org,
  tab,
  children,
}: {
  org: Organization | undefined;
  tab: string;
  children: string;
}) {
  if (!org) return <>{children}</>;
  return (
    <Link to={peoplePath(org, tab)} className={textLinkClasses}>
      {children}
    </Link>
  );
}
