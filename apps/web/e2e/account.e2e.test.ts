import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  DESKTOP,
  expectBrowserErrors,
  linkIn,
  organizationId,
  person,
  PHONE,
  screenshot,
  serverModule,
  signIn,
  startHarness,
  textOf,
  waitForEmail,
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

/**
 * A page whose console errors and uncaught exceptions are collected. A failed request is
 * logged by Chromium itself ("Failed to load resource"); the tests that expect one (a wrong
 * password) assert the message the page shows instead.
 */
async function watchedPage(viewport = DESKTOP) {
  const page = await harness.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return { page, errors };
}

/** No part of the page is wider than the window (nothing cut off or scrolling sideways). */
async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

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
      const { page, errors } = await watchedPage(viewport);
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
      const { page, errors } = await watchedPage(viewport);
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
      const { page, errors } = await watchedPage(viewport);
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
      const { page, errors } = await watchedPage(viewport);
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
      const { page: mine, errors: myErrors } = await watchedPage(viewport);
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

describe('sign-up with an address that has an account', () => {
  it('shows the usual "check your inbox", and the person gets an email saying they have an account', async () => {
    const who = person('Xena Existing');
    await createAccount(harness.baseUrl, who);
    const { page, errors } = await watchedPage();
    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill('Someone Else');
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password', { exact: true }).fill('another password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/verify-email/);
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const message = await waitForEmail(harness.baseUrl, who.email, /already have an account/i);
    expect(message.text).toContain('Forgot password?');
    expect(errors).toEqual([]);
  });

  it('shows the password rule once on a short password', async () => {
    const { page } = await watchedPage(PHONE);
    await page.goto('/sign-up');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    expect(await page.getByText(/at least 8 characters/i).count()).toBe(1);
  });
});

describe('invitations and accounts', () => {
  let olivia: Person;
  let owner: Page;
  let slug: string;
  const ORG = 'Context Labs';

  beforeAll(async () => {
    olivia = person('Olivia Inviter');
    await createAccount(harness.baseUrl, olivia);
    owner = await harness.newPage();
    await signIn(owner, olivia);
    slug = await createOrganization(owner, ORG);
    const { setOrganizationPlan } = await serverModule<{
      setOrganizationPlan(input: { organizationId: string; plan: string }): Promise<unknown>;
    }>('@kit/organization');
    await setOrganizationPlan({ organizationId: await organizationId(owner, slug), plan: 'team' });
  });

  async function invite(email: string): Promise<string> {
    const orgId = await organizationId(owner, slug);
    const response = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email, role: 'member' },
    });
    expect(response.status()).toBe(201);
    const message = await waitForEmail(harness.baseUrl, email, /invited you to join Context Labs/);
    return linkIn(message, '/invite/');
  }

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`the sign-in page names the organization and the inviter; the accepted link then opens the organization (${label})`, async () => {
      // The accepted link, opened again, answers 410 before the page moves on.
      expectBrowserErrors(/status of 410/);
      const who = person(`Ines ${label}`);
      await createAccount(harness.baseUrl, who);
      const link = await invite(who.email);
      const { page, errors } = await watchedPage(viewport);
      await page.goto(link);
      await page.getByRole('link', { name: 'Sign in to accept' }).click();
      await page.waitForURL(/\/sign-in\?/);
      await page.getByRole('heading', { name: `Sign in to join ${ORG}`, level: 1 }).waitFor();
      expect(await textOf(page.getByRole('main'))).toContain(
        `${olivia.name} invited you to join ${ORG} as a member.`,
      );
      await expectNoSidewaysScroll(page);
      await page.getByLabel('Password', { exact: true }).fill(who.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(new RegExp(`/orgs/${slug}/people`));

      // The same link again, now accepted: straight to the organization, not "Sign in".
      await page.goto('/dashboard');
      await page.goto(link);
      await page.waitForURL(new RegExp(`/orgs/${slug}/people`));
      await page.getByText(`You're already a member of ${ORG}`).waitFor();
      expect(errors).toEqual([]);
    });

    it(`Decline asks first; keeping the invitation changes nothing (${label})`, async () => {
      const who = person(`Dora ${label}`);
      const link = await invite(who.email);
      const { page, errors } = await watchedPage(viewport);
      await page.goto(link);
      await page.getByRole('button', { name: 'Decline the invitation' }).click();
      const dialog = page.getByRole('alertdialog', { name: `Decline the invitation to ${ORG}?` });
      await dialog.waitFor();
      expect(await textOf(dialog)).toContain(`${olivia.name} will see that you declined`);
      await dialog.getByRole('button', { name: 'Keep invitation' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.reload();
      await page.getByRole('heading', { name: `Join ${ORG}` }).waitFor();

      await page.getByRole('button', { name: 'Decline the invitation' }).click();
      await dialog.getByRole('button', { name: 'Decline invitation' }).click();
      await page.getByRole('heading', { name: 'Invitation declined' }).waitFor();
      expect(errors).toEqual([]);
    });
  }
});
