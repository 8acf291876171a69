#!/usr/bin/env node
/**
 * The fork drill: in a scratch clone of this repository, do what docs/forking.md tells a team
 * that forks the kit to do, step by step, then run the typecheck and the tests. It runs in CI,
 * so the forking guide cannot drift from the code.
 *
 *   node tooling/fork-drill/drill.mjs [--keep]
 *
 * The scratch copy is a clone of the committed HEAD; --keep leaves it on disk afterwards.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const keep = process.argv.includes('--keep');
const scratch = mkdtempSync(path.join(tmpdir(), 'kit-fork-'));

const run = (command, args, options = {}) => {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  execFileSync(command, args, { cwd: scratch, stdio: 'inherit', ...options });
};

/** Replaces `before` with `after` in a file of the fork; the drill fails if `before` is gone. */
function edit(file, before, after) {
  const full = path.join(scratch, file);
  const source = readFileSync(full, 'utf8');
  if (!source.includes(before)) {
    throw new Error(
      `${file} no longer contains the text docs/forking.md tells forks to edit:\n${before}`,
    );
  }
  writeFileSync(full, source.replace(before, after));
}

/** The workspace packages (their folders) holding a file the steps changed or added. */
function editedPackages() {
  const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
    cwd: scratch,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  const packages = new Set();
  for (const file of changed) {
    let dir = path.dirname(file);
    while (dir !== '.' && !existsSync(path.join(scratch, dir, 'package.json')))
      dir = path.dirname(dir);
    if (dir !== '.') packages.add(dir);
  }
  if (packages.size === 0) throw new Error('The steps changed no workspace package');
  return [...packages];
}

/** The steps of docs/forking.md, in its order and with its numbers. */
const steps = [
  [
    '1. Rename and recolour the product (packages/brand/src/brand.ts)',
    () => {
      edit('packages/brand/src/brand.ts', "name: 'Kit',", "name: 'Acme Cloud',");
      edit('packages/brand/src/brand.ts', "primary: '#2856dc',", "primary: '#0f766e',");
    },
  ],
  [
    '2. Add a role (packages/auth/src/roles.ts)',
    () => {
      edit(
        'packages/auth/src/roles.ts',
        "    member: {\n      label: 'Member',",
        [
          '    billing: {',
          "      label: 'Billing',",
          "      description: 'Reads the activity log for invoicing; manages no one.',",
          "      permissions: { activity: ['read'] },",
          '      assigns: [],',
          '    },',
          '    member: {',
          "      label: 'Member',",
        ].join('\n'),
      );
      edit(
        'packages/auth/src/roles.ts',
        "assigns: ['owner', 'admin', 'member'],",
        "assigns: ['owner', 'admin', 'billing', 'member'],",
      );
      edit(
        'packages/auth/src/roles.ts',
        "assigns: ['admin', 'member'],",
        "assigns: ['admin', 'billing', 'member'],",
      );
    },
  ],
  [
    '3. Add a plan (packages/organization/core/src/plans.ts)',
    () =>
      edit(
        'packages/organization/core/src/plans.ts',
        "  team: { name: 'Team', seats: 25 },",
        "  startup: { name: 'Startup', seats: 10 },\n  team: { name: 'Team', seats: 25 },",
      ),
  ],
  [
    '4. Register the subscription policy (packages/organization/policies/src/registry.ts)',
    () => {
      const file = path.join(scratch, 'packages/organization/policies/src/registry.ts');
      const source = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        "import { subscriptionRequiredPolicy } from './policies/custom';\n" +
          source +
          'invitationCreateRegistry.registerPolicy(subscriptionRequiredPolicy);\n',
      );
    },
  ],
  [
    '5. Generate a policy of your own (pnpm turbo gen policy)',
    () =>
      run('pnpm', [
        'turbo',
        'gen',
        'policy',
        '--args',
        'weekday invitations',
        'invitationCreate',
        'Invitations go out on weekdays only',
      ]),
  ],
  [
    '6. Change an email template (packages/email/src/templates/)',
    () =>
      edit(
        'packages/email/src/templates/invitation.tsx',
        '        `This invitation expires on ${formatDate(props.expiresAt)}.`,',
        "        `This invitation expires on ${formatDate(props.expiresAt)}.`,\n        'Questions about the invitation? Reply to this email.',",
      ),
  ],
];

try {
  console.log(`Fork drill in ${scratch}`);
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, scratch], { stdio: 'inherit' });
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
  for (const [title, step] of steps) {
    console.log(`\n==> ${title}`);
    step();
  }
  run('git', ['status', '--short']);
  run('pnpm', ['typecheck']);
  // ESLint's rules here read one file at a time: the packages the steps edited are the ones
  // whose lint can have changed.
  run('pnpm', [
    'turbo',
    'run',
    'lint',
    '--concurrency=2',
    ...editedPackages().map((dir) => `--filter=./${dir}`),
  ]);
  // The kit's tests as the fork runs them (the small packages two at a time, then the API);
  // of the web app, the unit tests (the browser suite runs in the main CI job and exercises
  // the same code).
  run('pnpm', [
    'turbo',
    'run',
    'test',
    '--concurrency=2',
    '--filter=!@kit/api',
    '--filter=!@kit/web',
  ]);
  run('pnpm', ['turbo', 'run', 'test', '--filter=@kit/api']);
  run('pnpm', ['--filter', '@kit/web', 'test:unit']);
  console.log(
    '\nFork drill passed: every step of docs/forking.md applies and the kit stays green.',
  );
} finally {
  if (keep) console.log(`Scratch copy kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
