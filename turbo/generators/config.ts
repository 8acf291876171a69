import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PlopTypes } from '@turbo/gen';

/** The registries a generated policy can join, with the context type each one evaluates. */
const REGISTRIES = {
  invitationCreate: { context: 'InvitationCreateContext', fixture: 'invitationCreateContext' },
  invitationAccept: { context: 'InvitationAcceptContext', fixture: 'invitationAcceptContext' },
  invitationCancel: { context: 'InvitationCancelContext', fixture: 'invitationCancelContext' },
  joinRequestCreate: { context: 'JoinRequestCreateContext', fixture: 'joinRequestCreateContext' },
  joinRequestApprove: {
    context: 'JoinRequestApproveContext',
    fixture: 'joinRequestApproveContext',
  },
} as const;

type RegistryName = keyof typeof REGISTRIES;

const POLICIES_PACKAGE = 'packages/organization/policies/src';

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const kebab = (text: string) =>
  text
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();

/**
 * Adds `import { xPolicy } from './policies/x'` after the last import of registry.ts and the
 * registration line at its end, so the new policy runs on every path into the operation.
 */
function register(root: string, answers: { name: string; registry: RegistryName }): string {
  const file = path.join(root, POLICIES_PACKAGE, 'registry.ts');
  const source = readFileSync(file, 'utf8');
  const id = camel(kebab(answers.name));
  const importLine = `import { ${id}Policy } from './policies/${kebab(answers.name)}';`;
  if (source.includes(importLine)) return `${file} already registers ${id}Policy`;
  const lines = source.split('\n');
  let lastImport = -1;
  lines.forEach((line, index) => {
    if (/^import .* from .*;$/.test(line) || /^} from .*;$/.test(line)) lastImport = index;
  });
  lines.splice(lastImport + 1, 0, importLine);
  const registration = `${answers.registry}Registry.registerPolicy(${id}Policy);`;
  const updated = `${lines.join('\n').trimEnd()}\n${registration}\n`;
  writeFileSync(file, updated);
  return `${path.relative(root, file)}: ${registration}`;
}

export default function generator(plop: PlopTypes.NodePlopAPI): void {
  plop.setHelper('camel', (text: string) => camel(kebab(text)));
  plop.setHelper('kebab', (text: string) => kebab(text));
  plop.setHelper('contextType', (registry: RegistryName) => REGISTRIES[registry].context);
  plop.setHelper('fixture', (registry: RegistryName) => REGISTRIES[registry].fixture);
  plop.setHelper('registryId', (registry: string) => kebab(registry));
  plop.setHelper(
    'quote',
    (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`,
  );

  plop.setGenerator('policy', {
    description: 'A policy file, its unit test, and its registration in registry.ts',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Policy name (e.g. "business hours only")',
        validate: (value: string) => (kebab(value) ? true : 'Give the policy a name.'),
      },
      {
        type: 'list',
        name: 'registry',
        message: 'Which operation does it guard?',
        choices: Object.keys(REGISTRIES),
      },
      {
        type: 'input',
        name: 'description',
        message: 'One line: what does it allow or deny?',
        default: 'Describe the rule',
      },
    ],
    actions: [
      {
        type: 'add',
        path: `{{turbo.paths.root}}/${POLICIES_PACKAGE}/policies/{{kebab name}}.ts`,
        templateFile: 'templates/policy.ts.hbs',
      },
      {
        type: 'add',
        path: `{{turbo.paths.root}}/${POLICIES_PACKAGE}/policies/{{kebab name}}.test.ts`,
        templateFile: 'templates/policy.test.ts.hbs',
      },
      (answers) => {
        const { turbo, name, registry } = answers as {
          turbo: { paths: { root: string } };
          name: string;
          registry: RegistryName;
        };
        return register(turbo.paths.root, { name, registry });
      },
    ],
  });
}
