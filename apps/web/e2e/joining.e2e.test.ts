import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  expectErrors,
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

let harness: Harness;
let owner: Page;
let slug: string;
let orgId: string;
const olivia = person('Olivia Owens');
const ORG = 'Acme Robotics';

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
  slug = await createOrganization(owner, ORG);
  orgId = await organizationId(owner, slug);
});

afterAll(async () => {
  await harness?.close();
});

/** Creates a link with the owner's session, through the API; returns its URL. */
async function linkThroughApi(body: Record<string, unknown>): Promise<string> {
  const response = await owner.request.post(`/api/organizations/${orgId}/invite-links`, {
    data: { role: 'member', ...body },
    headers: { origin: harness.baseUrl },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { url: string }).url;
}

describe('invite links', () => {
  it('creates a link in settings; a new person signs up through it and joins once verified', async () => {
    await owner.goto(`/orgs/${slug}/invite-links`);
    await owner.getByRole('heading', { name: 'Invite links', level: 1 }).waitFor();
    await owner.getByText('No invite links yet').waitFor();
    await owner.getByRole('button', { name: 'Create link' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Create an invite link' });
    await dialog.getByLabel('Role').selectOption({ label: 'Member' });
    await dialog.getByLabel('Maximum uses').fill('5');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.waitFor({ state: 'detached' });
    const url = await owner.getByRole('textbox', { name: 'Invite link' }).inputValue();
    expect(url).toMatch(new RegExp(`^${harness.baseUrl}/join/[A-Za-z0-9_-]{43}$`));
    const list = owner.getByRole('list', { name: 'Invite links' });
    expect(await textOf(list)).toMatch(/Member link Active 0 of 5 uses · expires/);
    await screenshot(owner, 'invite-links');

    const grace = person('Grace Hopper');
    const guest = await harness.newPage();
    await guest.goto(url);
    await guest.getByRole('heading', { name: `Join ${ORG}` }).waitFor();
    expect(await textOf(guest.getByRole('main'))).toMatch(
      /You're invited to join Acme Robotics as a member/,
    );
    await screenshot(guest, 'join');
    await guest.getByLabel('Full name').fill(grace.name);
    await guest.getByLabel('Email').fill(grace.email);
    await guest.getByLabel('Password', { exact: true }).fill(grace.password);
    await guest.getByRole('button', { name: 'Create account and join' }).click();
    await guest.getByRole('heading', { name: 'Check your email' }).waitFor();

    const verification = await waitForEmail(harness.baseUrl, grace.email, /confirm your email/i);
    await guest.goto(linkIn(verification, 'verify-email'));
    // Back on the link, signed in: the verification made the membership.
    await guest.getByText(`You're already a member of ${ORG}.`).waitFor();
    await guest.getByRole('link', { name: `Open ${ORG}` }).click();
    // The organization's home is its People view.
    await guest.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    await guest.getByRole('heading', { name: 'People', level: 1 }).waitFor();

    await owner.reload();
    expect(await textOf(owner.getByRole('list', { name: 'Invite links' }))).toMatch(/1 of 5 uses/);
  });

  it('shows its own page for a revoked, unknown or other-domain link', async () => {
    await owner.goto(`/orgs/${slug}/invite-links`);
    await owner.getByRole('button', { name: 'Revoke' }).first().click();
    await owner.getByRole('alertdialog').getByRole('button', { name: 'Revoke link' }).click();
    await owner.getByText('Link revoked').waitFor();
    const revokedUrl = await linkThroughApi({});
    const revokedId = (
      (await (await owner.request.get(`/api/organizations/${orgId}/invite-links`)).json()) as {
        links: { id: string }[];
      }
    ).links[0]!.id;
    await owner.request.delete(`/api/organizations/${orgId}/invite-links/${revokedId}`, {
      headers: { origin: harness.baseUrl },
    });

    const visitor = await harness.newPage();
    // Dead links answer 410 (revoked) and 404 (unknown) by design.
    expectErrors(visitor, /status of 410/, /status of 404/);
    await visitor.goto(revokedUrl);
    await visitor.getByRole('heading', { name: 'This invite link was revoked' }).waitFor();
    expect(await textOf(visitor.getByRole('main'))).toMatch(/Acme Robotics turned this link off/);

    await visitor.goto('/join/not-a-real-token');
    await visitor.getByRole('heading', { name: 'Invite link not found' }).waitFor();

    const domainUrl = await linkThroughApi({ allowedDomains: ['acme.test'] });
    const ada = person('Ada Lovelace');
    await createAccount(harness.baseUrl, ada);
    const signedIn = await harness.newPage();
    // A link for another domain answers 403 by design.
    expectErrors(signedIn, /status of 403/);
    await signIn(signedIn, ada);
    await signedIn.goto(domainUrl);
    await signedIn
      .getByRole('heading', { name: 'This link is for another email domain' })
      .waitFor();
    expect(await textOf(signedIn.getByRole('main'))).toMatch(/Only addresses at @acme\.test/);
  });
});

describe('join requests', () => {
  it('a signed-in person asks to join; the owner approves with a role; the requester is emailed', async () => {
    const url = await linkThroughApi({ requiresApproval: true });
    const rita = person('Rita Requester');
    await createAccount(harness.baseUrl, rita);
    const requester = await harness.newPage();
    await signIn(requester, rita);
    await requester.goto(url);
    await requester.getByLabel('Message to the admins (optional)').fill('I lead the design team.');
    await requester.getByRole('button', { name: `Ask to join ${ORG}` }).click();
    await requester.getByRole('heading', { name: 'Request sent' }).waitFor();

    await waitForEmail(harness.baseUrl, olivia.email, /Rita Requester asked to join Acme Robotics/);
    await owner.goto(`/orgs/${slug}/requests`);
    const row = owner
      .getByRole('list', { name: 'Join requests' })
      .getByRole('listitem')
      .filter({ hasText: rita.email });
    expect(await textOf(row)).toMatch(/I lead the design team\./);
    await row.getByRole('button', { name: 'Approve' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Approve Rita Requester?' });
    await dialog.getByLabel('Role').selectOption({ label: 'Admin' });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await owner.getByText(`Rita Requester joined ${ORG}`).waitFor();
    await owner.getByText('No pending requests').waitFor();

    const approved = await waitForEmail(harness.baseUrl, rita.email, /You joined Acme Robotics/);
    expect(approved.text).toMatch(/an admin of Acme Robotics/);
    // The old Members URL opens the People view's members tab, which the new admin can see.
    await requester.goto(`/orgs/${slug}/members`);
    await requester.waitForURL(new RegExp(`/orgs/${slug}/people\\?tab=members$`));
    await requester.getByRole('heading', { name: 'People', level: 1 }).waitFor();
  });
});

describe('verified domains', () => {
  it('the owner verifies a domain with the emailed code; a person at it joins from the dashboard', async () => {
    await owner.goto(`/orgs/${slug}/domains`);
    await owner.getByRole('heading', { name: 'Domains', level: 1 }).waitFor();
    await owner.getByLabel('Domain', { exact: true }).fill('acme-robotics.test');
    await owner.getByLabel('Address at the domain').fill('it@acme-robotics.test');
    await owner.getByRole('button', { name: 'Send code' }).click();
    const mail = await waitForEmail(
      harness.baseUrl,
      'it@acme-robotics.test',
      /is your code to verify/,
    );
    const code = /\b(\d{6})\b/.exec(mail.subject)![1]!;
    await owner
      .getByLabel('Code sent to it@acme-robotics.test')
      .fill(code === '000000' ? '111111' : '000000');
    // The wrong code is refused with a 400.
    expectErrors(owner, /status of 400/);
    await owner.getByRole('button', { name: 'Verify' }).click();
    await owner.getByText(/That code is not right: 4 tries left/).waitFor();
    await owner.getByLabel('Code sent to it@acme-robotics.test').fill(code);
    await owner.getByRole('button', { name: 'Verify' }).click();
    const row = owner.getByRole('list', { name: 'Domains' }).getByRole('listitem');
    await row.getByText('Verified').waitFor();
    await row.getByLabel('Enrollment').selectOption({ label: 'Automatic invitation' });
    await owner.getByText('acme-robotics.test: automatic invitation').waitFor();
    await screenshot(owner, 'domains');

    const dora = { ...person('Dora Domain'), email: 'dora@acme-robotics.test' };
    await createAccount(harness.baseUrl, dora);
    const page = await harness.newPage();
    await signIn(page, dora);
    const teams = page.getByRole('list', { name: 'Teams you can join' });
    expect(await textOf(teams)).toMatch(
      /Acme Robotics You're invited as a member \(@acme-robotics\.test\)/,
    );
    await teams.getByRole('button', { name: `Join ${ORG}` }).click();
    await page.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
  });
});
