import {
  Avatar,
  Badge,
  buttonClasses,
  Card,
  CardContent,
  CardHeader,
  cn,
  EmptyState,
  focusRing,
  IconArrowRight,
  IconBuilding,
  IconCheck,
  IconMail,
  IconPlus,
  IconShieldCheck,
  IconUsers,
} from '@kit/ui';
import type { ComponentType, ReactNode } from 'react';
import { Link } from 'react-router';
import { DomainSuggestions } from '../components/domain-suggestions';
import { MyJoinRequests } from '../components/my-join-requests';
import { OrgAvatar } from '../components/org-avatar';
import { PageTitle } from '../components/page-title';
import { RoleBadge } from '../components/role-badge';
import { useConfig } from '../lib/config';
import { firstName, formatDate, greeting } from '../lib/format';
import {
  fetchSeats,
  type Organization,
  orgPath,
  peoplePath,
  queryKeys,
  useActiveOrganization,
  useOrganizations,
} from '../lib/organizations';
import { can } from '../lib/permissions';
import { useQuery } from '../lib/query';
import { useSession } from '../lib/session';
import type { User } from '../lib/auth-client';

export function Component() {
  const { user } = useSession();
  const { productName } = useConfig();
  if (!user) return null;
  const name = firstName(user.name);

  return (
    <div className="space-y-8">
      <PageTitle title="Dashboard" />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-950 sm:text-[1.75rem]">
          {greeting(new Date().getHours())}
          {name ? `, ${name}` : ''}
        </h1>
        <p className="text-sm text-gray-500">
          Welcome to {productName}. Here&apos;s an overview of your account.
        </p>
      </header>

      <DomainSuggestions />
      <Organizations />
      <MyJoinRequests />

      <div className="grid gap-6 lg:grid-cols-5 lg:items-start">
        <GetStarted user={user} className="lg:col-span-3" />
        <AccountCard user={user} className="lg:col-span-2" />
      </div>
    </div>
  );
}

function AccountCard({ user, className }: { user: User; className?: string }) {
  return (
    <Card className={className}>
      <CardHeader title="Your account" description="How you sign in." />
      <CardContent>
        <div className="flex items-center gap-4">
          <Avatar name={user.name} email={user.email} image={user.image} size="lg" />
          <div className="min-w-0">
            <p className="truncate font-medium text-gray-950">{user.name}</p>
            <p className="truncate text-sm text-gray-500">{user.email}</p>
          </div>
        </div>
        <dl className="mt-6 divide-y divide-gray-100 border-t border-gray-100 text-sm">
          <div className="flex items-center justify-between gap-4 py-3">
            <dt className="text-gray-500">Email</dt>
            <dd className="min-w-0 truncate text-right text-gray-900">{user.email}</dd>
          </div>
          <div className="flex items-center justify-between gap-4 py-3">
            <dt className="text-gray-500">Status</dt>
            <dd>
              {user.emailVerified ? (
                <Badge variant="success" dot>
                  Verified
                </Badge>
              ) : (
                <Badge variant="warning" dot>
                  Not verified
                </Badge>
              )}
            </dd>
          </div>
          {user.createdAt ? (
            <div className="flex items-center justify-between gap-4 py-3">
              <dt className="text-gray-500">Member since</dt>
              <dd className="text-gray-900">
                <time dateTime={user.createdAt}>{formatDate(user.createdAt)}</time>
              </dd>
            </div>
          ) : null}
        </dl>
      </CardContent>
    </Card>
  );
}

type Step = {
  title: string;
  description: string;
  icon: ComponentType<{ className?: string }>;
  done: boolean;
  aside?: ReactNode;
};

function Organizations() {
  const organizations = useOrganizations();
  const active = useActiveOrganization();
  if (!organizations.length) {
    return (
      <Card>
        <EmptyState
          as="h2"
          icon={<IconBuilding />}
          title="Create your first organization"
          description="Organizations are shared workspaces: invite your team, choose what each person can do, and keep track of changes."
          action={
            <Link to="/orgs/new" className={buttonClasses()}>
              <IconPlus className="size-4" />
              Create organization
            </Link>
          }
          className="py-14"
        />
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader
        title="Your organizations"
        description="Switch between them here or from the menu at the top."
        actions={
          <Link to="/orgs/new" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            <IconPlus className="size-3.5" />
            New organization
          </Link>
        }
      />
      <CardContent className="pt-4">
        <ul className="grid gap-3 sm:grid-cols-2">
          {organizations.map((org) => (
            <li key={org.id}>
              <OrganizationLink org={org} active={org.id === active?.id} />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

function OrganizationLink({ org, active }: { org: Organization; active: boolean }) {
  return (
    <Link
      to={orgPath(org)}
      className={cn(
        'group flex items-center gap-3 rounded-xl p-3 ring-1 ring-gray-950/[0.07] transition-colors hover:bg-gray-50 hover:ring-gray-950/15',
        focusRing,
      )}
    >
      <OrgAvatar name={org.name} size="md" />
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-gray-950">{org.name}</span>
          {active ? <span className="sr-only">(active)</span> : null}
        </span>
        <span className="mt-0.5 flex items-center gap-2 text-xs text-gray-500">
          <RoleBadge role={org.role} />
          <span className="truncate">/orgs/{org.slug}</span>
        </span>
      </span>
      <IconArrowRight className="size-4 shrink-0 text-gray-300 transition-transform group-hover:translate-x-0.5 group-hover:text-gray-500" />
    </Link>
  );
}

function GetStarted({ user, className }: { user: User; className?: string }) {
  const organizations = useOrganizations();
  const active = useActiveOrganization();
  // Teammates are invited once the organization has a second member or an invitation out.
  const seats = useQuery(active ? queryKeys.seats(active.id) : '', () => fetchSeats(active!.id));
  const invited = Boolean(seats.data && (seats.data.members > 1 || seats.data.pending > 0));
  const steps: Step[] = [
    {
      title: 'Create your account',
      description: 'You are signed in and ready to go.',
      icon: IconShieldCheck,
      done: true,
    },
    {
      title: 'Verify your email address',
      description: `We use ${user.email} for sign-in links and important notices.`,
      icon: IconMail,
      done: user.emailVerified,
    },
    {
      title: 'Create an organization',
      description: 'A shared workspace for your team, with its own members and settings.',
      icon: IconBuilding,
      done: organizations.length > 0,
      aside: organizations.length ? undefined : (
        <Link to="/orgs/new" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Create
        </Link>
      ),
    },
    {
      title: 'Invite your teammates',
      description: 'Add people by email and choose what each of them can do.',
      icon: IconUsers,
      done: invited,
      aside:
        !invited && active && can.invite(active.role) ? (
          <Link
            to={peoplePath(active, 'pending')}
            className={buttonClasses({ variant: 'secondary', size: 'sm' })}
          >
            Invite
          </Link>
        ) : undefined,
    },
  ];
  const completed = steps.filter((s) => s.done).length;

  return (
    <Card className={className}>
      <CardHeader
        title="Get started"
        description="A few steps to set up your workspace."
        actions={
          <span className="text-sm text-gray-500">
            {completed} of {steps.length} done
          </span>
        }
      />
      <CardContent className="pt-4">
        <div
          className="mb-5 h-1.5 overflow-hidden rounded-full bg-gray-100"
          role="progressbar"
          aria-label="Setup progress"
          aria-valuemin={0}
          aria-valuemax={steps.length}
          aria-valuenow={completed}
          aria-valuetext={`${completed} of ${steps.length} steps done`}
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-[width] duration-500"
            style={{ width: `${(completed / steps.length) * 100}%` }}
          />
        </div>
        <ol className="space-y-1">
          {steps.map((step) => (
            <li key={step.title} className="flex items-start gap-3.5 rounded-lg px-2 py-3 -mx-2">
              <span
                className={cn(
                  'mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full ring-1',
                  step.done
                    ? 'bg-emerald-50 text-emerald-600 ring-emerald-600/20'
                    : 'bg-white text-gray-400 ring-gray-200',
                )}
              >
                {step.done ? <IconCheck className="size-4" /> : <step.icon className="size-4" />}
              </span>
              <div className="min-w-0 flex-1">
                <p
                  className={cn(
                    'text-sm font-medium',
                    step.done ? 'text-gray-500' : 'text-gray-950',
                  )}
                >
                  {step.title}
                  <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
                </p>
                <p className="mt-0.5 text-sm text-gray-500">{step.description}</p>
              </div>
              {step.aside ? <div className="shrink-0 pt-0.5">{step.aside}</div> : null}
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
