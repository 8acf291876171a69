import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drainOutbox } from '@kit/email';
import {
  actorForOrganization,
  bulkCreateInvitations,
  findOrganization,
  parseBulkCsv,
  type BulkStatus,
} from '@kit/organization';
import { SingleBar } from 'cli-progress';
import { table, UsageError, type CliIO } from '../io';

const labels: Record<BulkStatus, string> = {
  invited: 'Invited',
  already_member: 'Already a member',
  already_invited: 'Already invited',
  invalid_email: 'Invalid email',
  invalid_role: 'Invalid role',
  duplicate_in_file: 'Duplicate in file',
  denied: 'Denied by a policy',
  seat_limit: 'No free seat',
};

/** `kit invitations import`: the one-time script that invites a mailing list. */
export async function importInvitations(
  args: {
    org?: string;
    file?: string;
    role?: string;
    'dry-run'?: boolean;
    as?: string;
    'queue-only'?: boolean;
  },
  io: CliIO,
) {
  if (!args.org || !args.file)
    throw new UsageError('invitations import needs --org <slug> --file people.csv');
  const file = path.resolve(io.cwd, args.file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${file}`);
  }
  const org = await findOrganization(args.org);
  const actor = await actorForOrganization(org.id, args.as);
  const rows = await parseBulkCsv(text);
  const dryRun = Boolean(args['dry-run']);
  io.out(
    `${dryRun ? 'Checking' : 'Importing'} ${rows.length} rows into ${org.name} as ${actor.email}…`,
  );

  const bar = io.interactive
    ? new SingleBar({ format: ' {phase} [{bar}] {value}/{total}', hideCursor: true })
    : undefined;
  bar?.start(rows.length, 0, { phase: 'checking' });
  const result = await bulkCreateInvitations({
    actor,
    organizationId: org.id,
    rows,
    defaultRole: args.role ?? 'member',
    source: 'cli',
    dryRun,
    onProgress: ({ phase, done, total }) => {
      bar?.setTotal(total);
      bar?.update(done, { phase });
    },
  });
  bar?.update(bar.getTotal());
  bar?.stop();

  io.out('');
  io.out(
    table(
      (Object.keys(labels) as BulkStatus[])
        .filter((status) => result.summary[status] > 0)
        .map((status) => ({ Result: labels[status], Rows: result.summary[status] })),
    ),
  );
  const problems = result.results.filter((r) => r.status !== 'invited');
  if (problems.length) {
    io.out('');
    io.out(
      table(
        problems.slice(0, 50).map((r) => ({
          Line: r.line ?? r.row,
          Email: r.email,
          Result: labels[r.status],
          Why: r.message ?? '',
        })),
      ),
    );
    if (problems.length > 50) io.out(`… and ${problems.length - 50} more.`);
  }
  if (dryRun) {
    io.out('');
    io.out('Dry run: nothing was stored and no email was sent.');
  } else if (result.summary.invited > 0 && !args['queue-only']) {
    io.out('');
    io.out(`Sending ${result.summary.invited} invitation emails…`);
    const delivery = await drainOutbox();
    io.out(
      `Sent ${delivery.sent}${delivery.retried ? `, ${delivery.retried} will be retried` : ''}${delivery.failed ? `, ${delivery.failed} failed` : ''}.`,
    );
  }
  return result;
}
