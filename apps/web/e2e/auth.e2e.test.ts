import { brand } from '@kit/brand';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  linkIn,
  person,
  screenshot,
  startHarness,
  textOf,
  waitForEmail,
  type Harness,
  expectBrowserErrors,
} from './support/harness';

let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

describe('account basics', () => {
  it('signs up, verifies from the email, signs out and signs in again', async () => {
    // A wrong password is refused with 401.
    expectBrowserErrors(/status of 401/);
    const ada = person('Ada Lovelace');

    await page.goto('/sign-up');
    await page.getByLabel('Full name').fill(ada.name);
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password', { exact: true }).fill(ada.password);
    // The brand colour reaches the theme: the primary button is painted in it.
    expect(
      await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--brand-primary').trim(),
      ),
    ).toBe(brand.colors.primary);
    expect(
      await page
        .getByRole('button', { name: 'Create account' })
        .evaluate((button) => getComputedStyle(button).backgroundColor),
    ).not.toBe('rgba(0, 0, 0, 0)');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/verify-email/);
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    expect(await textOf(page.getByRole('main'))).toContain(
      `We sent a verification link to ${ada.email}`,
    );

    const email = await waitForEmail(harness.baseUrl, ada.email, /confirm your email/i);
    await page.goto(linkIn(email, 'verify-email'));
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole('heading', { level: 1, name: /, Ada$/ }).waitFor();
    // No organization yet: the dashboard offers to create one.
    await page.getByRole('heading', { name: 'Create your first organization' }).waitFor();
    await screenshot(page, 'dashboard');

    await page.getByRole('button', { name: new RegExp(`^${ada.name}\\s*, account menu$`) }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password', { exact: true }).fill(ada.password);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/dashboard$/);
    await page.getByRole('heading', { level: 1, name: /, Ada$/ }).waitFor();
  });

  it('reads the email in the dev mailbox page: listed, rendered, and its link works', async () => {
    const lin = person('Lin Mailbox');
    const response = await fetch(`${harness.baseUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: harness.baseUrl },
      body: JSON.stringify({
        name: lin.name,
        email: lin.email,
        password: lin.password,
        callbackURL: '/dashboard',
      }),
    });
    expect(response.status).toBe(200);
    await waitForEmail(harness.baseUrl, lin.email, /confirm your email/i);

    const inbox = await harness.newPage();
    await inbox.goto('/dev/mailbox');
    await inbox.getByLabel('Recipient').fill(lin.email);
    await inbox.getByRole('button', { name: 'Filter' }).click();
    await inbox.getByText(`1 message to ${lin.email}`).waitFor();
    await inbox
      .getByRole('link', { name: new RegExp(`${lin.email}.*Confirm your email`, 's') })
      .click();

    const preview = inbox.frameLocator('iframe[title^="Email preview"]');
    await preview.getByRole('heading', { name: 'Confirm your email address' }).waitFor();
    expect(await textOf(preview.locator('body'))).toContain('Lin Mailbox');

    await inbox
      .locator('section[aria-labelledby="mail-links"] a[href*="/api/auth/verify-email"]')
      .click();
    await inbox.waitForURL(/\/dashboard$/);
    await inbox.getByRole('heading', { level: 1, name: /, Lin$/ }).waitFor();
  });

  it('keeps signed-out visitors out of organization pages', async () => {
    const visitor = await harness.newPage();
    // The old Members URL redirects to the People view; either way the visitor signs in first
    // and is then sent on to the organization's members.
    await visitor.goto('/orgs/anything/members');
    await visitor.waitForURL(/\/sign-in\?redirectTo=/);
    const redirectTo = new URL(visitor.url()).searchParams.get('redirectTo');
    expect(redirectTo).toMatch(/^\/orgs\/anything\/(members|people\?tab=members)$/);

    await visitor.goto('/orgs/anything/people?tab=pending');
    await visitor.waitForURL(/\/sign-in\?redirectTo=/);
    expect(new URL(visitor.url()).searchParams.get('redirectTo')).toBe(
      '/orgs/anything/people?tab=pending',
    );
  });
});
