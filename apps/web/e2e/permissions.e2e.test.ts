import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  linkIn,
  organizationId,
  person,
  serverModule,
  signIn,
  startHarness,
  textOf,
  waitForEmail,
  type Harness,
  expectBrowserErrors,
} from './support/harness';

let harness: Harness;
let owner: Page;
let slug: string;
let orgId: string;
const olivia = person('Olivia Owens');
const mia = person('Mia Member');
const ORG = 'Northwind';

/** The parts of the server-side packages these tests use. */
type PolicyResult = { allowed: boolean };
type Policy = { id: string };
type ServerPackages = {
  organization: {
    setOrganizationPlan(input: {
      organizationId: string;
      plan: string;
      seats?: number;
    }): Promise<unknown>;
  };
  policies: {
    definePolicy(policy: {
      id: string;
      evaluate: (context: { email: string | null }) => PolicyResult;
    }): Policy;
    allow(): PolicyResult;
    deny(input: { code: string; message: string; remediation?: string }): PolicyResult;
  };
};

let server: ServerPackages;

beforeAll(async () => {
  harness = await startHarness();
  server = {
    organization: await serverModule('@kit/organization'),
    policies: await serverModule('@kit/policies'),
  };
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
  slug = await createOrganization(owner, ORG);
  orgId = await organizationId(owner, slug);
});

afterAll(async () => {
  await harness?.close();
});

/** Opens the invite dialog on the members page and submits `email` as a member. */
async function invite(page: Page, email: string) {
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite people to ${ORG}` });
  await dialog.getByLabel('Email addresses').fill(email);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  return dialog;
}

describe('what each role may do', () => {
  it('shows a member no invite or management controls', async () => {
    const response = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email: mia.email, role: 'member' },
    });
    expect(response.status()).toBe(201);
    const email = await waitForEmail(harness.baseUrl, mia.email, /invited you to join/);
    const page = await harness.newPage();
    await page.goto(linkIn(email, '/invite/'));
    await page.getByLabel('Full name').fill(mia.name);
    await page.getByLabel('Password', { exact: true }).fill(mia.password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    await page.getByRole('row').filter({ hasText: olivia.email }).waitFor();

    expect(await page.getByRole('button', { name: /Invite/ }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /^Role of/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Actions for/ }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' }).first();
    expect(await nav.getByRole('link', { name: 'People' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Activity' }).count()).toBe(0);

    // The invitation tabs are not offered; an old Invitations link shows the members instead.
    expect(await page.getByRole('navigation', { name: 'People lists' }).count()).toBe(0);
    await page.goto(`/orgs/${slug}/invitations`);
    await page.waitForURL(new RegExp(`/orgs/${slug}/people\\?tab=pending$`));
    await page.getByRole('row').filter({ hasText: olivia.email }).waitFor();
    expect(await page.getByRole('table', { name: 'Pending invitations' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Invite/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Import CSV' }).count()).toBe(0);

    await page.goto(`/orgs/${slug}/settings`);
    await page.getByRole('heading', { name: 'Danger zone' }).waitFor();
    expect(await page.getByLabel('Organization name').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete organization' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Leave' }).count()).toBe(1);

    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Your organizations' }).waitFor();
    expect(await page.getByRole('link', { name: 'Invite' }).count()).toBe(0);
  });

  it("shows a policy's denial, with what to do, next to the invite form", async () => {
    // The policy's denial answers 403.
    expectBrowserErrors(/status of 403/);
    const { allow, definePolicy, deny } = server.policies;
    const invitationCreateRegistry = harness.registries.invitationCreate;
    const policy = definePolicy({
      id: 'e2e.company-domain-only',
      evaluate: ({ email }) =>
        email?.endsWith('@gmail.test')
          ? deny({
              code: 'DOMAIN_NOT_ALLOWED',
              message: 'Only addresses at northwind.test can be invited.',
              remediation: 'Ask your teammate for their work address.',
            })
          : allow(),
    });
    invitationCreateRegistry.registerPolicy(policy);
    try {
      await owner.goto(`/orgs/${slug}/people`);
      const dialog = await invite(owner, 'someone@gmail.test');
      const alert = dialog.getByRole('alert');
      await alert.waitFor();
      expect(await textOf(alert)).toBe(
        'Only addresses at northwind.test can be invited. Ask your teammate for their work address.',
      );
      // The dialog stays open with what was typed, ready for another address.
      expect(await dialog.getByLabel('Email addresses').inputValue()).toBe('someone@gmail.test');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      invitationCreateRegistry.unregisterPolicy(policy.id);
    }
  });

  it('explains before the form when a policy refuses every invitation', async () => {
    const { definePolicy, deny } = server.policies;
    const invitationCreateRegistry = harness.registries.invitationCreate;
    const policy = definePolicy({
      id: 'e2e.invitations-paused',
      evaluate: () =>
        deny({
          code: 'INVITATIONS_PAUSED',
          message: 'Invitations are paused during the audit.',
          remediation: 'Try again next week.',
        }),
    });
    invitationCreateRegistry.registerPolicy(policy);
    try {
      await owner.goto(`/orgs/${slug}/people`);
      await owner.getByRole('button', { name: 'Invite people' }).click();
      const dialog = owner.getByRole('dialog', { name: `Invite people to ${ORG}` });
      const reason = dialog.getByRole('status').filter({ hasText: 'paused' });
      await reason.waitFor();
      expect(await textOf(reason)).toContain(
        'Invitations are paused during the audit. Try again next week.',
      );
      expect(await dialog.getByLabel('Email addresses').count()).toBe(0);
      await dialog.getByRole('button', { name: 'OK' }).click();
      await dialog.waitFor({ state: 'detached' });
    } finally {
      invitationCreateRegistry.unregisterPolicy(policy.id);
    }
  });

  it('offers to resend when the person already has a pending invitation', async () => {
    // The repeated invitation answers 409.
    expectBrowserErrors(/status of 409/);
    const nora = person('Nora Pending');
    await owner.goto(`/orgs/${slug}/people`);
    await (await invite(owner, nora.email)).waitFor({ state: 'detached' });
    const first = await waitForEmail(harness.baseUrl, nora.email, /invited you to join/);

    const dialog = await invite(owner, nora.email);
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await textOf(alert)).toContain(`${nora.email} already has a pending invitation`);
    await alert.getByRole('button', { name: 'Resend invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.getByText(`Invitation resent to ${nora.email}`).waitFor();
    await waitForEmail(harness.baseUrl, nora.email, /invited you to join/, { after: [first.id] });
  });

  it('shows the seat limit with its message and remediation in the dialog', async () => {
    // The seat limit refuses the invitation.
    expectBrowserErrors(/status of (403|409)/);
    // Two members and one pending invitation: a plan with three seats is full.
    await server.organization.setOrganizationPlan({
      organizationId: orgId,
      plan: 'team',
      seats: 3,
    });
    await owner.goto(`/orgs/${slug}/people`);
    const meter = owner.getByRole('meter', { name: 'Seats used' });
    await meter.waitFor();
    expect(await meter.getAttribute('aria-valuetext')).toMatch(/^3 of 3 seats used/);

    const dialog = await invite(owner, 'one.more@northwind.test');
    expect(await textOf(dialog)).toMatch(/No seats left/);
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const text = await textOf(alert);
    expect(text).toMatch(/^No seats left on your plan/);
    expect(text).toContain('All 3 seats are taken (2 members, 1 pending invitation).');
    expect(text).toContain(
      'Upgrade your plan for more seats, or remove members or cancel pending invitations.',
    );
    expect(text).toContain('3 seats · 2 members · 1 pending');
  });
});
