import {
  Alert,
  Badge,
  buttonClasses,
  Card,
  CardContent,
  CardHeader,
  cn,
  IconCheck,
  IconExternalLink,
  Skeleton,
} from '@kit/ui';
import { PageHeader } from '../components/page-header';
import { SeatUsageMeter } from '../components/seat-usage';
import { errorMessage } from '../lib/api';
import { useCurrentOrganization, type Organization } from '../lib/organizations';
import { fetchPlanOverview, planQueryKey, seatsLabel, type PlanOverview } from '../lib/plan';
import { useQuery } from '../lib/query';

/** An organization's plan, its seats, the plans it could be on, and where owners change it. */
export function Component() {
  const org = useCurrentOrganization();
  const overview = useQuery(planQueryKey(org.id), () => fetchPlanOverview(org.id));
  const data = overview.data;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Plan & seats"
        documentTitle={`Plan & seats · ${org.name}`}
        description={`The plan ${org.name} is on and how many of its seats are taken.`}
      />
      {overview.error && !data ? (
        <Alert variant="error" title="Couldn't load the plan">
          {errorMessage(overview.error)}
        </Alert>
      ) : null}
      <Card>
        <CardHeader
          title={data ? `${data.plan.name} plan` : 'Current plan'}
          description={data ? seatsLabel(data.seats.limit) : undefined}
        />
        <CardContent className="space-y-4">
          <SeatUsageMeter seats={data?.seats} compact />
          {data ? <Upgrade org={org} overview={data} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader title="Plans" description="What each plan includes." />
        <CardContent>
          {data ? (
            <ul aria-label="Plans" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              {data.plans.map((plan) => {
                const current = plan.id === data.plan.id;
                return (
                  <li
                    key={plan.id}
                    className={cn(
                      'rounded-xl p-4 ring-1',
                      current ? 'bg-brand-50/40 ring-brand-600/30' : 'ring-gray-950/[0.07]',
                    )}
                  >
                    <p className="flex items-center justify-between gap-2">
                      <span className="font-medium text-gray-950">{plan.name}</span>
                      {current ? <Badge variant="brand">Current</Badge> : null}
                    </p>
                    <p className="mt-2 flex items-center gap-2 text-sm text-gray-700">
                      <IconCheck className="size-4 shrink-0 text-emerald-600" aria-hidden="true" />
                      {seatsLabel(plan.seats)}
                    </p>
                  </li>
                );
              })}
            </ul>
          ) : (
            <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-hidden="true">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} className="h-20 rounded-xl" />
              ))}
            </div>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function Upgrade({ org, overview }: { org: Organization; overview: PlanOverview }) {
  const { billing } = overview;
  if (billing.upgradeUrl) {
    return (
      <a
        href={billing.upgradeUrl}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClasses({ variant: 'primary' })}
      >
        Upgrade or change plan
        <IconExternalLink className="size-4" aria-hidden="true" />
        <span className="sr-only">(opens in a new tab)</span>
      </a>
    );
  }
  if (billing.canManage) {
    return (
      <Alert variant="info" title="Plan changes are not set up yet">
        Set <code className="font-mono text-[0.8125rem]">BILLING_URL</code> on the server to your
        checkout or billing portal; this page then links there, with the organization and its plan
        in the address.
      </Alert>
    );
  }
  return (
    <p className="text-sm text-gray-600">
      Need more seats? Ask an owner of {org.name} to change the plan.
    </p>
  );
}
