import {
  createOrganizationWithOwnerInvitation,
  findOrganization,
  setOrganizationPlan,
} from '@kit/organization';
import { drainOutbox } from '@kit/email';
import type { CliIO } from '../io';
import { UsageError } from '../io';

export async function orgCreate(
  args: {
    name?: string;
    owner?: string;
    slug?: string;
    plan?: string;
    seats?: string;
    'queue-only'?: boolean;
  },
  io: CliIO,
) {
  if (!args.name || !args.owner)
    throw new UsageError('org create needs --name "Acme" --owner alice@acme.com');
  const created = await createOrganizationWithOwnerInvitation({
    name: args.name,
    slug: args.slug,
    ownerEmail: args.owner,
    plan: args.plan ? { plan: args.plan, seats: parseSeats(args.seats) } : undefined,
  });
  io.out(
    `Created organization "${created.organization.name}" (slug: ${created.organization.slug}).`,
  );
  io.out(
    `Invited ${created.invitation.email} as owner; the link expires ${created.invitation.expiresAt.toISOString().slice(0, 10)}.`,
  );
  io.out('');
  io.out(`Invitation link: ${created.url}`);
  if (!args['queue-only']) {
    const delivery = await drainOutbox();
    io.out(
      delivery.sent
        ? `The invitation email was sent to ${created.invitation.email}.`
        : 'The invitation email is queued for delivery.',
    );
  }
  return created;
}

export async function orgSetPlan(args: { org?: string; plan?: string; seats?: string }, io: CliIO) {
  if (!args.org || !args.plan)
    throw new UsageError('org set-plan needs --org <slug> --plan <plan> [--seats N]');
  const org = await findOrganization(args.org);
  const usage = await setOrganizationPlan({
    organizationId: org.id,
    plan: args.plan,
    seats: parseSeats(args.seats),
  });
  io.out(
    `${org.name} is on the ${usage.plan} plan: ${usage.limit ?? 'unlimited'} seats (${usage.members} members, ${usage.pending} pending).`,
  );
  return usage;
}

function parseSeats(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seats = Number(value);
  if (!Number.isInteger(seats) || seats < 1)
    throw new UsageError(`--seats must be a positive whole number, not "${value}"`);
  return seats;
}
