import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  DESKTOP,
  expectBrowserErrors,
  expectNoSidewaysScroll,
  linkIn,
  person,
  PHONE,
  screenshot,
  signIn,
  startHarness,
  textOf,
  waitForEmail,
  watchedPage,
  type Harness,
  type Person,
} from './support/harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** The account menu's button: its name starts with the visible name. */
const accountMenuName = (name: string) => new RegExp(`^${name}\\s*, account menu$`);

async function openAccountFromMenu(page: Page, who: Person) {
  await page.getByRole('button', { name: accountMenuName(who.name) }).click();
  await page.getByRole('menuitem', { name: 'Account settings' }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole('heading', { name: 'Account settings', level: 1 }).waitFor();
}

const sessionsList = (page: Page) => page.getByRole('list', { name: 'Sessions' });

for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`account settings (${label})`, () => {
    it('changes the name and the email address, with the link sent to the new address', async () => {
      const who = person(`Nora ${label}`);
      await createAccount(harness.baseUrl, who);
      const { page, errors } = await watchedPage(harness, viewport);
      await signIn(page, who);
      await openAccountFromMenu(page, who);
      await expectNoSidewaysScroll(page);

      await page.getByLabel('Full name').fill(`Nora Renamed ${label}`);
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByText('Name saved').waitFor();
      await page.getByRole('button', { name: accountMenuName(`Nora Renamed ${label}`) }).waitFor();

      const newEmail = `nora.${label}@new.example.com`;
      await page.getByLabel('New email address').fill(newEmail);
      await page.getByRole('button', { name: 'Send confirmation link' }).click();
      const sent = page.getByRole('status').filter({ hasText: `Check ${newEmail}` });
      await sent.waitFor();
      expect(await textOf(sent)).toContain(`We also let ${who.email} know`);
      if (label === 'desktop') await screenshot(page, 'account', { fullPage: true });

      const notice = await waitForEmail(harness.baseUrl, who.email, /change of your/i);
      expect(notice.text).toContain(newEmail);
      const confirm = await waitForEmail(harness.baseUrl, newEmail, /confirm your new/i);
      await page.goto(linkIn(confirm, 'verify-email'));
      await page.waitForURL(/\/account\?notice=email-changed$/);
      const done = page.getByRole('status').filter({ hasText: 'Your email address is now' });
      await done.waitFor();
      expect(await textOf(done)).toContain(newEmail);
      expect(await textOf(page.getByRole('main'))).toContain(`You sign in with ${newEmail}`);
      expect(errors).toEqual([]);
    });

    it('changes the password with the current one, signing out the other sessions', async () => {
      // A wrong current password answers 400; the signed-out session then answers 401.
      expectBrowserErrors(/status of 400/, /status of 401/);
      const who = person(`Paul ${label}`);
      await createAccount(harness.baseUrl, who);
      const { page, errors } = await watchedPage(harness, viewport);
      await signIn(page, who);
      const elsewhere = await harness.newPage();
      await signIn(elsewhere, who);
      await page.goto('/account');

      const field = page.getByLabel('New password');
      await page.getByLabel('Current password').fill('not my password');
      await field.fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      // The rule shows once: as the error, not again as the hint under it.
      await page.getByText('Use at least 8 characters.').waitFor();
      expect(await page.getByText(/at least 8 characters/i).count()).toBe(1);

      await field.fill('a brand new password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('That is not your current password.').waitFor();

      await page.getByLabel('Current password').fill(who.password);
      expect(await page.getByLabel('Sign out of all other sessions').isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed').waitFor();

      // This page stays signed in; the other one has to sign in again.
      await page.reload();
      await page.getByRole('heading', { name: 'Account settings', level: 1 }).waitFor();
      await elsewhere.goto('/dashboard');
      await elsewhere.waitForURL(/\/sign-in/);
      await signIn(elsewhere, { ...who, password: 'a brand new password' });
      expect(errors).toEqual([]);
    });

    it('lists the sessions, marks this one, and signs another one out', async () => {
      const who = person(`Sid ${label}`);
      await createAccount(harness.baseUrl, who);
      const { page, errors } = await watchedPage(harness, viewport);
      await signIn(page, who);
      const elsewhere = await harness.newPage();
      await signIn(elsewhere, who);
      await page.goto('/account');

      // This browser, the other one, and the one the verification link opened (createAccount).
      const list = sessionsList(page);
      const browsers = list.getByRole('listitem').filter({ hasText: /Chrom\w* \d+ on Linux/ });
      await browsers.nth(1).waitFor();
      const before = await list.getByRole('listitem').count();
      expect(await browsers.count()).toBe(2);
      const current = list.getByRole('listitem').filter({ hasText: 'This device' });
      expect(await current.count()).toBe(1);
      expect(await textOf(current)).toMatch(/Chrom\w* \d+ on Linux This device Active now/);
      await expectNoSidewaysScroll(page);

      const other = browsers.filter({ hasNotText: 'This device' });
      expect(await textOf(other)).toMatch(/Last active just now/);
      await other.getByRole('button', { name: /^Sign out Chrom\w* \d+ on Linux$/ }).click();
      await page.getByText(/^Signed out Chrom/).waitFor();
      await other.waitFor({ state: 'detached' });
      expect(await list.getByRole('listitem').count()).toBe(before - 1);
      expect(await current.count()).toBe(1);

      await elsewhere.goto('/dashboard');
      await elsewhere.waitForURL(/\/sign-in/);
      expect(errors).toEqual([]);
    });

    it('refuses to delete the only owner of an organization, naming it; deletes anyone else after typing the email', async () => {
      // After the deletion, the session check and the refused sign-in answer 401.
      expectBrowserErrors(/status of 401/);
      const owner = person(`Olga ${label}`);
      await createAccount(harness.baseUrl, owner);
      const { page, errors } = await watchedPage(harness, viewport);
      await signIn(page, owner);
      const orgName = `Olga Works ${label}`;
      await createOrganization(page, orgName);
      await page.goto('/account');
      const warning = page
        .getByRole('status')
        .filter({ hasText: 'You are the only owner of an organization' });
      await warning.waitFor();
      await warning.getByRole('link', { name: orgName }).waitFor();
      expect(await page.getByRole('button', { name: 'Delete account' }).isDisabled()).toBe(true);

      const leaver = person(`Lena ${label}`);
      await createAccount(harness.baseUrl, leaver);
      const { page: mine, errors: myErrors } = await watchedPage(harness, viewport);
      await signIn(mine, leaver);
      await mine.goto('/account');
      await mine.getByRole('button', { name: 'Delete account' }).click();
      const dialog = mine.getByRole('alertdialog', { name: 'Delete your account?' });
      await dialog.getByLabel(`Type ${leaver.email} to confirm`).fill('someone@else.example');
      await dialog.getByLabel('Password', { exact: true }).fill(leaver.password);
      // The typed address does not match: the button stays disabled.
      const confirm = dialog.getByRole('button', { name: 'Delete account' });
      expect(await confirm.getAttribute('aria-disabled')).toBe('true');
      await dialog.getByLabel(`Type ${leaver.email} to confirm`).fill(leaver.email);
      expect(await confirm.getAttribute('aria-disabled')).toBeNull();
      await confirm.click();
      await mine.waitForURL(/\/sign-in\?notice=account-deleted$/);
      await mine.getByText('Your account was deleted.').waitFor();
      await waitForEmail(harness.baseUrl, leaver.email, /account was deleted/i);

      await mine.getByLabel('Email').fill(leaver.email);
      await mine.getByLabel('Password', { exact: true }).fill(leaver.password);
      await mine.getByRole('button', { name: 'Sign in' }).click();
      await mine.getByText(/don't match/).waitFor();
      expect(errors).toEqual([]);
      expect(myErrors).toEqual([]);
    });
  });
}
