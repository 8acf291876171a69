import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
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
  expectBrowserErrors,
} from './support/harness';

type Server = {
  organization: {
    setOrganizationPlan(input: {
      organizationId: string;
      plan: string;
      seats?: number | null;
    }): Promise<unknown>;
    currentPlans(): { plans: Record<string, unknown> };
    currentRoles(): {
      ids: readonly string[];
      owner: string;
      label(role: string): string;
      can(role: string, permission: Record<string, string[]>): boolean;
    };
  };
  database: { db: { execute(query: string): Promise<unknown> } };
};

let harness: Harness;
let server: Server;
let owner: Page;
let slug: string;
let orgId: string;
const olivia = person('Olivia Owens');
/** Console errors and uncaught exceptions of every page a test opened. */
const problems: string[] = [];

const PENDING = 65;
const guest = (n: number) => `guest${String(n).padStart(2, '0')}@umbrella.test`;

function watch(page: Page): Page {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return page;
}

async function bulkInvite(emails: string[], role: string) {
  const response = await owner.request.post(`/api/organizations/${orgId}/invitations/bulk`, {
    data: { invitations: emails.map((email) => ({ email, role })) },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

/** Waits (up to 3 minutes) for the background worker to deliver an invitation email to `to`. */
async function deliveredTo(to: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await waitForEmail(harness.baseUrl, to, /invited you/);
    } catch (error) {
      if (attempt >= 8) throw error;
    }
  }
}

/** The "1–25 of 65" line of the list's pagination. */
const range = (page: Page, label: string) =>
  page.getByRole('navigation', { name: `Pages of ${label}` }).locator('p');

const table = (page: Page, name: string) => page.getByRole('table', { name });
const rowOf = (page: Page, name: string, email: string) =>
  table(page, name).getByRole('row').filter({ hasText: email });

beforeAll(async () => {
  harness = await startHarness();
  server = {
    organization: await serverModule('@kit/organization'),
    database: await serverModule('@kit/database'),
  };
  await createAccount(harness.baseUrl, olivia);
  owner = watch(await harness.newPage());
  await signIn(owner, olivia);
  slug = await createOrganization(owner, 'Umbrella');
  orgId = await organizationId(owner, slug);
  await server.organization.setOrganizationPlan({
    organizationId: orgId,
    plan: Object.keys(server.organization.currentPlans().plans)[0]!,
    seats: 500,
  });
  const roles = server.organization.currentRoles();
  const invitable = roles.ids.find(
    (r) => r !== roles.owner && !roles.can(r, { member: ['update'] }),
  )!;
  const expired = ['expired-a@umbrella.test', 'expired-b@umbrella.test', 'expired-c@umbrella.test'];
  await bulkInvite(expired, invitable);
  await bulkInvite(
    Array.from({ length: PENDING }, (_, i) => guest(i + 1)),
    invitable,
  );
  // Every invitation email is out before the tests count them (the worker sends them in order).
  for (const to of [...expired, guest(PENDING)]) await deliveredTo(to);
  // Nobody answered these in time.
  await server.database.db.execute(
    "update invitation set expires_at = now() - interval '1 hour' where email like 'expired-%'",
  );
});

afterEach(() => {
  const found = problems.splice(0);
  expect(found, 'console errors').toEqual([]);
});

afterAll(async () => {
  await harness?.close();
});

describe('people view', () => {
  it('pages, sorts and searches pending invitations through the API, keeping the state in the URL', async () => {
    await owner.goto(`/orgs/${slug}/people?tab=pending`);
    const pending = table(owner, 'Pending invitations');
    await pending.waitFor();
    await expect.poll(() => textOf(range(owner, 'pending invitations'))).toBe(`1–25 of ${PENDING}`);
    expect(await pending.getByRole('row').count()).toBe(26); // header + one page
    // Expired ones are their own tab and do not count as pending.
    const tabs = owner.getByRole('navigation', { name: 'People lists' });
    expect(await textOf(tabs.getByRole('link', { name: /^Pending/ }))).toBe(`Pending ${PENDING}`);
    expect(await textOf(tabs.getByRole('link', { name: /^Expired/ }))).toBe('Expired 3');

    await owner.getByRole('button', { name: 'Next page' }).click();
    await expect
      .poll(() => textOf(range(owner, 'pending invitations')))
      .toBe(`26–50 of ${PENDING}`);
    expect(new URL(owner.url()).searchParams.get('page')).toBe('2');
    await owner.getByLabel('Rows per page').selectOption('50');
    await expect.poll(() => textOf(range(owner, 'pending invitations'))).toBe(`1–50 of ${PENDING}`);
    await owner.getByRole('button', { name: 'Next page' }).click();
    await expect
      .poll(() => textOf(range(owner, 'pending invitations')))
      .toBe(`51–${PENDING} of ${PENDING}`);
    expect(await owner.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    const emailHeader = pending.getByRole('columnheader', { name: 'Email' });
    expect(await emailHeader.getAttribute('aria-sort')).toBe('none');
    await emailHeader.getByRole('button', { name: 'Email' }).click();
    await expect.poll(() => emailHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => textOf(pending.getByRole('row').nth(1))).toContain(guest(1));
    await emailHeader.getByRole('button', { name: 'Email' }).click();
    await expect.poll(() => emailHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => textOf(pending.getByRole('row').nth(1))).toContain(guest(PENDING));

    await owner.getByLabel('Search invitations').fill('guest07');
    await expect.poll(() => new URL(owner.url()).searchParams.get('q')).toBe('guest07');
    await expect.poll(() => textOf(range(owner, 'pending invitations'))).toBe('1–1 of 1');
    expect(await textOf(pending.getByRole('row').nth(1))).toContain(guest(7));
    // A reload shows the same search, sort and page size.
    await owner.reload();
    await expect.poll(() => owner.getByLabel('Search invitations').inputValue()).toBe('guest07');
    await expect.poll(() => textOf(range(owner, 'pending invitations'))).toBe('1–1 of 1');
    expect(
      await pending.getByRole('columnheader', { name: 'Email' }).getAttribute('aria-sort'),
    ).toBe('descending');
  });

  it('resends and cancels several pending invitations at once, and holds Resend back for a minute', async () => {
    await owner.goto(`/orgs/${slug}/people?tab=pending&sort=email&order=asc`);
    const first = await waitForEmail(harness.baseUrl, guest(1), /invited you/);
    const second = await waitForEmail(harness.baseUrl, guest(2), /invited you/);
    await rowOf(owner, 'Pending invitations', guest(1)).waitFor();
    await owner.getByLabel(`Select ${guest(1)}`).check();
    await owner.getByLabel(`Select ${guest(2)}`).check();
    const bar = owner.getByRole('region', { name: 'Selected invitations' });
    expect(await textOf(bar)).toMatch(/^2 selected/);
    await screenshot(owner, 'people');
    await bar.getByRole('button', { name: 'Resend' }).click();
    await owner.getByText('2 invitations resent').waitFor();
    await waitForEmail(harness.baseUrl, guest(1), /invited you/, { after: [first.id] });
    await waitForEmail(harness.baseUrl, guest(2), /invited you/, { after: [second.id] });

    // The new invitations cannot be resent again right away: the button counts down.
    const again = rowOf(owner, 'Pending invitations', guest(1)).getByRole('button', {
      name: /^Resend in \d+ s/,
    });
    await again.waitFor();
    expect(await again.isDisabled()).toBe(true);
    expect(Number(/in (\d+) s/.exec(await textOf(again))![1])).toBeGreaterThan(50);

    // One click on a single Resend sends one email; the button is held back at once.
    const third = await waitForEmail(harness.baseUrl, guest(3), /invited you/);
    await owner.getByRole('button', { name: `Resend invitation to ${guest(3)}` }).click();
    await owner.getByText(`Invitation to ${guest(3)} resent`).waitFor();
    const held = rowOf(owner, 'Pending invitations', guest(3)).getByRole('button', {
      name: /^Resend in \d+ s/,
    });
    expect(await held.isDisabled()).toBe(true);
    await waitForEmail(harness.baseUrl, guest(3), /invited you/, { after: [third.id] });
    const mails = await owner.request.get(`/api/dev/mailbox?to=${encodeURIComponent(guest(3))}`);
    expect(((await mails.json()) as { messages: unknown[] }).messages).toHaveLength(2);

    await owner.getByLabel(`Select ${guest(4)}`).check();
    await owner.getByLabel(`Select ${guest(5)}`).check();
    await bar.getByRole('button', { name: 'Cancel invitations' }).click();
    const confirm = owner.getByRole('alertdialog', { name: 'Cancel 2 invitations?' });
    await confirm.getByRole('button', { name: 'Cancel invitations' }).click();
    await owner.getByText('2 invitations canceled').waitFor();
    await rowOf(owner, 'Pending invitations', guest(4)).waitFor({ state: 'detached' });
    await expect
      .poll(() => textOf(range(owner, 'pending invitations')))
      .toBe(`1–25 of ${PENDING - 2}`);
    const link = await waitForEmail(harness.baseUrl, guest(4), /invited you/);
    // The canceled link's page answers 410, which the browser logs.
    expectBrowserErrors(/status of 410/);
    const visitor = await harness.newPage();
    await visitor.goto(linkIn(link, '/invite/'));
    await visitor.getByRole('heading', { name: 'This invitation was canceled' }).waitFor();
  });

  it('sends expired invitations again as new ones, or removes them', async () => {
    await owner.goto(`/orgs/${slug}/people?tab=expired`);
    const expired = table(owner, 'Expired invitations');
    await expired.waitFor();
    expect(await expired.getByRole('row').count()).toBe(4);
    await owner.getByLabel('Select expired-a@umbrella.test').check();
    await owner.getByLabel('Select expired-b@umbrella.test').check();
    const before = await waitForEmail(harness.baseUrl, 'expired-a@umbrella.test', /invited you/);
    await owner
      .getByRole('region', { name: 'Selected invitations' })
      .getByRole('button', { name: 'Send new invitations' })
      .click();
    await owner.getByText('2 invitations sent again').waitFor();
    await expect.poll(() => expired.getByRole('row').count()).toBe(2);
    await waitForEmail(harness.baseUrl, 'expired-a@umbrella.test', /invited you/, {
      after: [before.id],
    });

    await owner
      .getByRole('button', { name: 'Remove invitation to expired-c@umbrella.test' })
      .click();
    const confirm = owner.getByRole('alertdialog', { name: 'Remove this expired invitation?' });
    expect(await textOf(confirm)).toContain('expired-c@umbrella.test');
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await owner.getByText('Invitation to expired-c@umbrella.test removed').waitFor();
    await owner.getByText('No expired invitations').waitFor();

    // The renewed ones are pending again. Each tab has its own search box: type once the
    // Pending tab is shown (text typed into the Expired tab's box would go with it).
    const pendingTab = owner.getByRole('link', { name: /^Pending/ });
    await pendingTab.click();
    await expect.poll(() => pendingTab.getAttribute('aria-current')).toBe('page');
    await owner.getByLabel('Search invitations').fill('expired-');
    await rowOf(owner, 'Pending invitations', 'expired-a@umbrella.test').waitFor();
    await expect.poll(() => textOf(range(owner, 'pending invitations'))).toBe('1–2 of 2');
  });

  it('asks before making someone the owner or taking rights away, and links the seat line to the lists', async () => {
    const sam = person('Sam Second');
    await createAccount(harness.baseUrl, sam);
    const roles = server.organization.currentRoles();
    // A role that manages people, below the owner, and one with fewer rights than it.
    const manager = roles.ids.find(
      (r) => r !== roles.owner && roles.can(r, { member: ['update'] }),
    )!;
    const lesser = roles.ids.find((r) => !roles.can(r, { member: ['update'] }))!;
    await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email: sam.email, role: manager },
    });
    const email = await waitForEmail(harness.baseUrl, sam.email, /invited you/);
    const samPage = watch(await harness.newPage());
    await signIn(samPage, sam);
    const token = linkIn(email, '/invite/').split('/invite/')[1]!;
    expect(
      (await samPage.request.post(`/api/invitations/${token}/accept`, { data: {} })).status(),
    ).toBe(200);

    await owner.goto(`/orgs/${slug}/people`);
    const role = owner.getByLabel(`Role of ${sam.name}`);
    await role.selectOption(roles.owner);
    const transfer = owner.getByRole('alertdialog', { name: `Transfer ownership to ${sam.name}?` });
    await transfer.waitFor();
    await transfer.getByRole('button', { name: 'Cancel' }).click();
    await transfer.waitFor({ state: 'detached' });
    expect(await role.inputValue()).toBe(manager);

    await role.selectOption(lesser);
    const demote = owner.getByRole('alertdialog', { name: new RegExp(`^Make ${sam.name} `) });
    await demote.waitFor();
    expect(await role.inputValue()).toBe(manager);
    await demote.getByRole('button', { name: 'Change role' }).click();
    await owner.getByText(`${sam.name} is now ${roles.label(lesser).toLowerCase()}`).waitFor();
    // Giving rights back needs no confirmation.
    await role.selectOption(manager);
    await owner.getByText(`${sam.name} is now ${roles.label(manager).toLowerCase()}`).waitFor();
    await owner.reload();
    expect(await owner.getByLabel(`Role of ${sam.name}`).inputValue()).toBe(manager);

    // The seat line names the members and pending invitations and links to their lists.
    await owner.getByRole('link', { name: /^\d+ pending invitations$/ }).click();
    await owner.waitForURL(/\?tab=pending$/);
    await table(owner, 'Pending invitations').waitFor();
    await owner.getByRole('link', { name: '2 members' }).click();
    await owner.waitForURL(/\?tab=members$/);
    await owner.getByRole('row').filter({ hasText: sam.email }).waitFor();
  });

  it('works at phone width without sideways scrolling', async () => {
    const phone = watch(await harness.newPage({ viewport: PHONE }));
    await signIn(phone, olivia, {
      path: `/sign-in?redirectTo=${encodeURIComponent(`/orgs/${slug}/people?tab=pending`)}`,
    });
    const pending = table(phone, 'Pending invitations');
    await pending.waitFor();
    await expect.poll(() => pending.getByRole('row').count()).toBe(26);
    await phone.getByLabel('Search invitations').fill('guest1');
    await expect.poll(() => textOf(range(phone, 'pending invitations'))).toBe('1–10 of 10');
    await phone.getByLabel(`Select ${guest(11)}`).check();
    await phone.getByRole('region', { name: 'Selected invitations' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await phone.evaluate(() => window.scrollTo(0, 0));
    await screenshot(phone, 'people-mobile');
    await phone.getByRole('link', { name: /^Members/ }).click();
    await phone.getByLabel('Search members').waitFor();
    expect(await phone.getByLabel('Search members').inputValue()).toBe('guest1');
    await phone.getByLabel('Search members').fill('');
    await phone.getByRole('row').filter({ hasText: olivia.email }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
  });
});
