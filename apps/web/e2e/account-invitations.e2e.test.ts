import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  DESKTOP,
  expectBrowserErrors,
  expectNoSidewaysScroll,
  linkIn,
  organizationId,
  person,
  PHONE,
  setPlan,
  signIn,
  startHarness,
  textOf,
  waitForEmail,
  watchedPage,
  type Harness,
  type Person,
} from './support/harness';

/** Accounts meeting invitations: sign-up with a taken address, invitation links and accounts. */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('sign-up with an address that has an account', () => {
  it('shows the usual "check your inbox", and the person gets an email saying they have an account', async () => {
    const who = person('Xena Existing');
    await createAccount(harness.baseUrl, who);
    const { page, errors } = await watchedPage(harness);
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
    const { page } = await watchedPage(harness, PHONE);
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
    await setPlan(owner, slug, 'team');
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
      const { page, errors } = await watchedPage(harness, viewport);
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
      const { page, errors } = await watchedPage(harness, viewport);
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
