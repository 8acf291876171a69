import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  person,
  screenshot,
  signIn,
  startHarness,
  textOf,
  type Harness,
  expectBrowserErrors,
} from './support/harness';

let harness: Harness;
let owner: Page;
let slug: string;
const olivia = person('Olivia Owens');
const dir = mkdtempSync(path.join(tmpdir(), 'kit-e2e-'));

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
  slug = await createOrganization(owner, 'Globex');
});

afterAll(async () => {
  await harness?.close();
});

function csvFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('inviting many people', () => {
  it('previews a CSV (dry run), sends it, and offers the per-row results as CSV', async () => {
    const file = csvFile(
      'team.csv',
      [
        'email,role,team',
        'amy@globex.test,member,Design',
        'ben@globex.test,admin,Engineering',
        'not-an-email,member,Sales',
        'amy@globex.test,member,Design',
        `${olivia.email},member,`,
        'cat@globex.test,superuser,Ops',
      ].join('\n'),
    );
    await owner.goto(`/orgs/${slug}/invitations`);
    await owner.getByRole('link', { name: 'Import CSV' }).click();
    await owner.getByRole('heading', { name: 'Import invitations' }).waitFor();
    await owner.locator('input[type=file]').setInputFiles(file);

    const preview = owner.getByRole('heading', { name: 'Preview of team.csv' });
    await preview.waitFor();
    expect(await owner.evaluate(() => document.activeElement?.textContent)).toBe(
      'Preview of team.csv',
    );
    const table = owner.getByRole('table');
    const row = (n: number) => table.getByRole('row').nth(n);
    expect(await textOf(row(1))).toMatch(/^1 amy@globex\.test member Will be invited$/i);
    expect(await textOf(row(3))).toMatch(/^3 not-an-email member Invalid email/i);
    expect(await textOf(row(4))).toMatch(/^4 amy@globex\.test member Duplicate/i);
    expect(await textOf(row(5))).toMatch(/Already a member/i);
    expect(await textOf(row(6))).toMatch(/Invalid role/i);
    // Nothing was stored by the preview.
    const before = await owner.request.get(`/api/organizations`);
    const orgId = ((await before.json()) as { organizations: { id: string }[] }).organizations[0]!
      .id;
    const pending = await owner.request.get(
      `/api/organizations/${orgId}/invitations?status=pending`,
    );
    expect(((await pending.json()) as { invitations: unknown[] }).invitations).toHaveLength(0);

    await owner.getByRole('button', { name: 'Send 2 invitations' }).click();
    const done = owner.getByRole('heading', { name: 'Import finished' });
    await done.waitFor();
    const summary = owner.getByRole('list', { name: 'Summary' });
    expect(await textOf(summary)).toMatch(
      /^6 rows 2 Invited 1 Already a member 1 Invalid email 1 Invalid role 1 Duplicate$/,
    );
    expect(await textOf(table.getByRole('row').nth(1))).toMatch(
      /^1 amy@globex\.test member Invited$/i,
    );
    await screenshot(owner, 'bulk-import-results', { fullPage: true });

    const [download] = await Promise.all([
      owner.waitForEvent('download'),
      owner.getByRole('button', { name: 'Download results' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('team-results.csv');
    const saved = path.join(dir, 'results.csv');
    await download.saveAs(saved);
    const lines = readFileSync(saved, 'utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe('row,email,role,status,reason,invitation_id');
    expect(lines[1]).toMatch(/^1,amy@globex\.test,member,invited,,\S+$/);
    expect(lines[3]).toMatch(/^3,not-an-email,member,invalid_email,\S.*,$/);
    expect(lines).toHaveLength(7);

    await owner.getByRole('link', { name: 'View invitations' }).click();
    const list = owner.getByRole('table', { name: 'Pending invitations' });
    await list.getByRole('row').filter({ hasText: 'ben@globex.test' }).waitFor();
    expect(await list.getByRole('row').count()).toBe(3); // header + 2
  });

  it('names the line of a malformed CSV', async () => {
    // The malformed file is refused with 400.
    expectBrowserErrors(/status of 400/);
    const file = csvFile('broken.csv', 'email,role\n"dan@globex.test,member\n');
    await owner.goto(`/orgs/${slug}/invitations/import`);
    await owner.locator('input[type=file]').setInputFiles(file);
    const alert = owner.getByRole('alert');
    await alert.waitFor();
    expect(await textOf(alert)).toMatch(/^We couldn't read this file .*line \d/);
  });

  it('invites several addresses from the dialog and shows what happened to each', async () => {
    await owner.goto(`/orgs/${slug}/people`);
    await owner.getByRole('button', { name: 'Invite people' }).click();
    const dialog = owner.getByRole('dialog', { name: /Invite people/ });
    await dialog
      .getByLabel('Email addresses')
      .fill(`dee@globex.test, eve@globex.test\n${olivia.email}; ben@globex.test`);
    await dialog.getByRole('button', { name: 'Send 4 invitations' }).click();
    const results = dialog.getByRole('list', { name: 'Results' });
    await results.waitFor();
    const items = results.getByRole('listitem');
    expect(await textOf(items.nth(0))).toBe('dee@globex.test Invited');
    expect(await textOf(items.nth(1))).toBe('eve@globex.test Invited');
    expect(await textOf(items.nth(2))).toMatch(
      new RegExp(`^${olivia.email.replace('.', '\\.')} .*Already a member$`),
    );
    expect(await textOf(items.nth(3))).toMatch(/^ben@globex\.test .*Already invited$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
