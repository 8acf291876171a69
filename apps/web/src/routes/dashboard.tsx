import {
  Avatar,
  Badge,
  Card,
  CardContent,
  CardHeader,
  cn,
  IconBuilding,
  IconCheck,
  IconMail,
  IconShieldCheck,
  IconUsers,
} from '@kit/ui';
import type { ComponentType, ReactNode } from 'react';
import { PageTitle } from '../components/page-title';
import { useConfig } from '../lib/config';
import { firstName, formatDate, greeting } from '../lib/format';
import { useSession } from '../lib/session';
import type { User } from '../lib/types';

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

function GetStarted({ user, className }: { user: User; className?: string }) {
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
      done: false,
      aside: <Badge>Coming soon</Badge>,
    },
    {
      title: 'Invite your teammates',
      description: 'Add people by email and choose what each of them can do.',
      icon: IconUsers,
      done: false,
      aside: <Badge>Coming soon</Badge>,
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
