import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  linkIn,
  organizationId,
  person,
  signIn,
  startHarness,
  expectAccessible,
  expectErrors,
  textOf,
  waitForEmail,
  type Harness,
} from './support/harness';

let harness: Harness;
let owner: Page;
const olivia = person('Olivia Owens');

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
});

afterAll(async () => {
  await harness?.close();
});

const switcher = () => owner.getByRole('button', { name: /switch organization/i });

async function activeOrganizationId(page: Page): Promise<string | null> {
  const response = await page.request.get('/api/auth/get-session');
  return ((await response.json()) as { session: { activeOrganizationId: string | null } }).session
    .activeOrganizationId;
}

/** Starts watching the page for `text`; the returned function tells whether it ever showed. */
async function watchForText(page: Page, text: string): Promise<() => Promise<boolean>> {
  await page.evaluate((needle) => {
    const state = window as unknown as { seenText?: boolean };
    state.seenText = false;
    new MutationObserver(() => {
      if (document.body.innerText.includes(needle)) state.seenText = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, text);
  return () => page.evaluate(() => (window as unknown as { seenText?: boolean }).seenText === true);
}

async function organizationIds(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/organizations');
  return ((await response.json()) as { organizations: { id: string }[] }).organizations.map(
    (o) => o.id,
  );
}

describe('organizations', () => {
  it('creates organizations from the dashboard and the switcher, and switches between them', async () => {
    await owner.goto('/dashboard');
    await owner.getByRole('link', { name: 'Create organization' }).first().click();
    await owner.getByLabel('Organization name').fill('Initech');
    expect(await owner.getByLabel('URL').inputValue()).toBe('initech');
    await owner.getByRole('button', { name: 'Create organization' }).click();
    await owner.waitForURL(/\/orgs\/initech\/people$/);

    await switcher().click();
    await owner.getByRole('menuitem', { name: 'Create organization' }).click();
    await owner.waitForURL(/\/orgs\/new$/);
    await owner.getByLabel('Organization name').fill('Hooli');
    await owner.getByRole('button', { name: 'Create organization' }).click();
    await owner.waitForURL(/\/orgs\/hooli\/people$/);
    await expect.poll(() => textOf(switcher())).toMatch(/Hooli Owner/);
    const hooliId = await organizationId(owner, 'hooli');
    expect(await activeOrganizationId(owner)).toBe(hooliId);

    await switcher().click();
    const items = owner.getByRole('menuitem');
    await items.first().waitFor();
    await expectAccessible(owner, 'open organization switcher');
    expect(await textOf(items.nth(0))).toMatch(/Initech Owner$/);
    expect(await textOf(items.nth(1))).toMatch(/Hooli Owner \(current\)$/);
    await items.nth(0).click();
    await owner.waitForURL(/\/orgs\/initech\/people$/);
    await expect
      .poll(() => activeOrganizationId(owner))
      .toBe(await organizationId(owner, 'initech'));
    await expect.poll(() => textOf(switcher())).toMatch(/Initech Owner/);

    await owner
      .getByRole('button', { name: new RegExp(`^${olivia.name}\\s*, account menu$`) })
      .click();
    await owner.getByRole('menuitem', { name: 'Sign out' }).waitFor();
    await expectAccessible(owner, 'open account menu');
    await owner.keyboard.press('Escape');
  });

  it('renames an organization and changes its URL; a taken slug is refused on the field', async () => {
    await owner.goto('/orgs/initech/settings');
    // The refused save answers 409, which the browser logs.
    expectErrors(owner, /status of 409/);
    const slug = owner.getByLabel('URL slug');
    await slug.fill('hooli');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByText('“hooli” is taken. Try another slug.').waitFor();
    expect(await slug.getAttribute('aria-invalid')).toBe('true');

    await owner.getByLabel('Organization name').fill('Initech Labs');
    await slug.fill('initech-labs');
    const sawNotFound = await watchForText(owner, 'Organization not found');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.waitForURL(/\/orgs\/initech-labs\/settings$/);
    await owner.getByText('Settings saved').waitFor();
    expect(await sawNotFound()).toBe(false);
    await expect.poll(() => textOf(switcher())).toMatch(/Initech Labs/);
  });

  it('tells the last owner up front that they cannot leave, and deletes after the name is typed', async () => {
    await owner.goto('/orgs/initech-labs/settings');
    const leaveButton = owner.getByRole('button', { name: 'Leave' });
    await expect.poll(() => leaveButton.isDisabled()).toBe(true);
    const reason = await leaveButton.getAttribute('aria-describedby');
    expect(await textOf(owner.locator(`[id="${reason}"]`))).toBe(
      "You are the only owner, so you can't leave Initech Labs. Make another member the owner first, or delete the organization.",
    );
    await expectAccessible(owner, 'settings of the last owner');

    await owner.getByRole('button', { name: 'Delete organization' }).click();
    const dialog = owner.getByRole('alertdialog', { name: 'Delete Initech Labs?' });
    const confirm = dialog.getByRole('button', { name: 'Delete organization' });
    const typed = dialog.getByLabel('Type Initech Labs to confirm');
    await typed.fill('Initech');
    expect(await confirm.getAttribute('aria-disabled')).toBe('true');
    await typed.press('Enter');
    await owner.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(true);
    await typed.fill('Initech Labs');
    expect(await confirm.getAttribute('aria-disabled')).toBeNull();
    await confirm.click();
    await owner.waitForURL(/\/orgs\/hooli\/people$/);
    await owner.getByText('Initech Labs was deleted').waitFor();
    await switcher().click();
    expect(await owner.getByRole('menuitem', { name: /Initech/ }).count()).toBe(0);
    await owner.keyboard.press('Escape');

    await owner.goto('/orgs/initech-labs/people');
    await owner.getByRole('heading', { name: 'Organization not found' }).waitFor();
  });

  it('changes roles and transfers ownership from the members list', async () => {
    const sam = person('Sam Second');
    await createAccount(harness.baseUrl, sam);
    const hooliId = await organizationId(owner, 'hooli');
    await owner.request.post(`/api/organizations/${hooliId}/invitations`, {
      data: { email: sam.email, role: 'member' },
    });
    const email = await waitForEmail(harness.baseUrl, sam.email, /invited you to join Hooli/);
    const samPage = await harness.newPage();
    await signIn(samPage, sam);
    const token = linkIn(email, '/invite/').split('/invite/')[1]!;
    expect(
      (await samPage.request.post(`/api/invitations/${token}/accept`, { data: {} })).status(),
    ).toBe(200);

    await owner.goto('/orgs/hooli/people?tab=members');
    const role = () => owner.getByLabel(`Role of ${sam.name}`);
    // A promotion applies at once.
    await role().selectOption('admin');
    await owner.getByText(`${sam.name} is now admin`).waitFor();
    await owner.reload();
    expect(await role().inputValue()).toBe('admin');

    // A demotion asks first: cancelling keeps the role, confirming changes it.
    const demote = owner.getByRole('alertdialog', { name: `Make ${sam.name} a member?` });
    await role().selectOption('member');
    await demote.waitFor();
    await demote.getByRole('button', { name: 'Cancel' }).click();
    await demote.waitFor({ state: 'detached' });
    expect(await role().inputValue()).toBe('admin');
    await role().selectOption('member');
    await demote.getByRole('button', { name: 'Change role' }).click();
    await demote.waitFor({ state: 'detached' });
    await owner.getByText(`${sam.name} is now member`).waitFor();
    await owner.reload();
    expect(await role().inputValue()).toBe('member');
    await role().selectOption('admin');
    await expect.poll(() => role().inputValue()).toBe('admin');

    // Choosing Owner in the role menu opens the transfer dialog; nothing changes until confirmed.
    const dialog = owner.getByRole('alertdialog', { name: `Transfer ownership to ${sam.name}?` });
    await role().selectOption('owner');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await role().inputValue()).toBe('admin');
    await role().selectOption('owner');
    await dialog.getByRole('button', { name: 'Transfer ownership' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.getByText(`${sam.name} is now an owner`).waitFor();
    await expect.poll(() => textOf(switcher())).toMatch(/Hooli Admin/);
    const samRow = owner.getByRole('row').filter({ hasText: sam.email });
    await expect.poll(() => textOf(samRow)).toMatch(/Owner/);
    // An admin cannot change an owner: no role picker on Sam's row any more.
    await expect.poll(() => samRow.getByRole('combobox').count()).toBe(0);

    // Not the last owner any more: Olivia may leave, and lands on the dashboard.
    await owner.goto('/orgs/hooli/settings');
    const leaveButton = owner.getByRole('button', { name: 'Leave' });
    await leaveButton.waitFor();
    expect(await leaveButton.isDisabled()).toBe(false);
    await leaveButton.click();
    const leave = owner.getByRole('alertdialog', { name: 'Leave Hooli?' });
    await expectAccessible(owner, 'leave dialog');
    await leave.getByRole('button', { name: 'Leave organization' }).click();
    await owner.waitForURL(/\/dashboard$/);
    await owner.getByText('You left Hooli').waitFor();
    expect(await organizationIds(owner)).not.toContain(hooliId);
  });
});
