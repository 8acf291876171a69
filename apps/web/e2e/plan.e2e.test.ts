import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  expectAccessible,
  linkIn,
  organizationId,
  person,
  screenshot,
  signIn,
  startHarness,
  textOf,
  waitForEmail,
  type Harness,
} from './support/harness';

const BILLING = 'https://billing.example.test/portal';
let harness: Harness;
let owner: Page;
let slug: string;
const olivia = person('Olivia Owens');
const max = person('Max Member');

beforeAll(async () => {
  harness = await startHarness({ billingUrl: BILLING });
  await createAccount(harness.baseUrl, olivia);
  await createAccount(harness.baseUrl, max);
  owner = await harness.newPage();
  await signIn(owner, olivia);
  slug = await createOrganization(owner, 'Umbrella');
});

afterAll(async () => {
  await harness?.close();
});

const step = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ hasText: title }).first();

describe('plan, seats and the team checklist', () => {
  it('leaves "Invite your teammates" to do until someone is invited, then marks it done', async () => {
    await owner.goto('/dashboard');
    await expect.poll(() => textOf(step(owner, 'Invite your teammates'))).toMatch(/\(to do\)/);
    await expectAccessible(owner, 'dashboard before inviting');

    const orgId = await organizationId(owner, slug);
    const invited = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email: max.email, role: await nonOwnerRole(owner, orgId) },
    });
    expect(invited.status()).toBe(201);
    await owner.goto('/dashboard');
    await expect.poll(() => textOf(step(owner, 'Invite your teammates'))).toMatch(/\(done\)/);
  });

  it('shows an owner the plan, the seats, every plan of the catalog and the upgrade link', async () => {
    const { plans, defaultPlan } = harness.plans;
    await owner.goto(`/orgs/${slug}/members`);
    await owner
      .getByRole('navigation', { name: 'Main' })
      .last()
      .getByRole('link', { name: 'Plan' })
      .click();
    await owner.getByRole('heading', { name: 'Plan & seats', level: 1 }).waitFor();
    await owner.getByRole('heading', { name: `${plans[defaultPlan]!.name} plan` }).waitFor();
    // One member and one pending invitation hold seats.
    expect(await textOf(owner.getByRole('main'))).toContain(
      plans[defaultPlan]!.seats === null
        ? 'Unlimited seats'
        : `2 of ${plans[defaultPlan]!.seats} seats used`,
    );
    const list = owner.getByRole('list', { name: 'Plans' });
    const items = await list.getByRole('listitem').all();
    expect(items).toHaveLength(Object.keys(plans).length);
    const entries = Object.entries(plans);
    for (const [i, [id, plan]] of entries.entries()) {
      const text = await textOf(items[i]!);
      expect(text).toContain(plan.name);
      expect(text).toContain(plan.seats === null ? 'Unlimited seats' : `${plan.seats} seat`);
      expect(text.includes('Current')).toBe(id === defaultPlan);
    }
    const upgrade = owner.getByRole('link', { name: /Upgrade or change plan/ });
    const href = new URL((await upgrade.getAttribute('href'))!);
    expect(`${href.origin}${href.pathname}`).toBe(BILLING);
    expect(href.searchParams.get('organization')).toBe(await organizationId(owner, slug));
    expect(href.searchParams.get('plan')).toBe(defaultPlan);
    await expectAccessible(owner, 'plan page (owner)');
    await screenshot(owner, 'plan', { fullPage: true });
  });

  it('tells a member to ask an owner, with no upgrade link', async () => {
    const message = await waitForEmail(harness.baseUrl, max.email, /invited you to join Umbrella/);
    const member = await harness.newPage();
    await signIn(member, max);
    const token = linkIn(message, '/invite/').split('/invite/')[1]!;
    expect(
      (await member.request.post(`/api/invitations/${token}/accept`, { data: {} })).status(),
    ).toBe(200);
    await member.goto(`/orgs/${slug}/plan`);
    await member
      .getByText('Need more seats? Ask an owner of Umbrella to change the plan.')
      .waitFor();
    expect(await member.getByRole('link', { name: /Upgrade/ }).count()).toBe(0);
    await expectAccessible(member, 'plan page (member)');
  });

  it('names people and the organization in the activity log', async () => {
    await owner.goto(`/orgs/${slug}/settings`);
    await owner.getByLabel('URL slug').fill('umbrella-corp');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.waitForURL(/\/orgs\/umbrella-corp\/settings$/);
    slug = 'umbrella-corp';
    await owner.goto(`/orgs/${slug}/activity`);
    const log = owner.getByRole('list', { name: 'Activity' });
    await log
      .getByText(`${olivia.name} changed the URL slug of Umbrella to “umbrella-corp”`)
      .waitFor();
    // Max has an account: his name, not his address.
    await log.getByText(`${olivia.name} invited ${max.name} as`).waitFor();
    expect(await textOf(log)).not.toContain(max.email);
    expect(await textOf(log)).not.toContain('/umbrella-corp');
    await expectAccessible(owner, 'activity log');
  });
});

/** A role that is not the owner's, from what the invite form offers (no role set assumed). */
async function nonOwnerRole(page: Page, orgId: string): Promise<string> {
  const org = (await (await page.request.get(`/api/organizations/${orgId}`)).json()) as {
    role: string;
  };
  await page.goto(`/orgs/${slug}/invitations`);
  await page.getByRole('button', { name: 'Invite people' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Invite people/ });
  // The dialog's code is fetched on first use: read its options once it is there (`evaluateAll`
  // does not wait), or the Escape below would come before the dialog does.
  const role = dialog.getByLabel('Role');
  await role.waitFor();
  const values = await role
    .locator('option:not([disabled])')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  await expectAccessible(page, 'invite dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  return values.find((v) => v !== org.role) ?? values[0]!;
}
