import { parseArgs } from 'node:util';
import { currentPlans, OrganizationError } from '@kit/organization';
import { PolicyDeniedError } from '@kit/policies';
import { importInvitations } from './commands/import';
import { orgCreate, orgSetPlan } from './commands/org';
import { processIO, UsageError, type CliIO } from './io';

/** The usage text; plans come from the kit's plan catalog (plans.ts). */
export const help = () => `Usage: pnpm kit <command> [options]

Commands:
  org create --name "Acme" --owner alice@acme.com [--slug acme] [--plan team] [--seats N]
      Create an organization and invite its first owner; prints the invitation link.
  org set-plan --org <slug> --plan <${Object.keys(currentPlans().plans).join('|')}> [--seats N]
      Put an organization on a plan (seats override the plan's).
  invitations import --org <slug> --file people.csv [--role member] [--dry-run] [--as <email>] [--queue-only]
      Invite everyone in a CSV (columns: email, role, any others become metadata).
      --as: the member the invitations come from (default: the first owner).
      --queue-only: leave the emails to the running server's delivery worker.
`;

const options = {
  name: { type: 'string' },
  owner: { type: 'string' },
  slug: { type: 'string' },
  plan: { type: 'string' },
  seats: { type: 'string' },
  org: { type: 'string' },
  file: { type: 'string' },
  role: { type: 'string' },
  as: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'queue-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one command; returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    });
    const command = positionals.join(' ');
    if (values.help || !command) {
      io.out(help());
      return command || values.help ? 0 : 1;
    }
    switch (command) {
      case 'org create':
        await orgCreate(values, io);
        return 0;
      case 'org set-plan':
        await orgSetPlan(values, io);
        return 0;
      case 'invitations import':
        await importInvitations(values, io);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`Error: ${error.message}\n`);
      io.err(help());
      return 2;
    }
    if (error instanceof PolicyDeniedError) {
      io.err(
        `Refused by policy ${error.policyId} (${error.code}): ${error.message}${error.remediation ? `\n${error.remediation}` : ''}`,
      );
      return 1;
    }
    if (error instanceof OrganizationError) {
      io.err(
        `Error (${error.code}): ${error.message}${error.remediation ? `\n${error.remediation}` : ''}`,
      );
      return 1;
    }
    throw error;
  }
}
