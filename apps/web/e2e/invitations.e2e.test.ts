import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  inviteFromDialog,
  linkIn,
  organizationId,
  person,
  PHONE,
  screenshot,
  setPlan,
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
const olivia = person('Olivia Owens');
const ORG = 'Acme Robotics';
const INVITATION_SUBJECT = /invited you to join Acme Robotics/;

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
  slug = await createOrganization(owner, ORG);
  // On the Team plan (25 seats), so that seats never run out in these tests.
  await setPlan(owner, slug, 'team');
});

afterAll(async () => {
  await harness?.close();
});

/** The members table row of the person with `email`. */
const memberRow = (page: Page, email: string) => page.getByRole('row').filter({ hasText: email });

describe('invitations', () => {
  it('invites a new person, who signs up on the accept page and lands in the organization', async () => {
    const grace = person('Grace Hopper');

    await owner.goto(`/orgs/${slug}/people`);
    await owner.getByRole('button', { name: 'Invite people' }).click();
    const dialog = owner.getByRole('dialog', { name: `Invite people to ${ORG}` });
    await dialog.waitFor();
    // Once the dialog has checked that inviting is allowed, the first field is ready for typing.
    await dialog.getByLabel('Email addresses').waitFor();
    expect(await owner.evaluate(() => document.activeElement?.id)).toBe('invite-emails');
    await dialog.getByLabel('Email addresses').fill(grace.email);
    await dialog.getByLabel('Role').selectOption({ label: 'Admin' });
    expect(await textOf(dialog)).toMatch(/1 of 25 seats used/);
    await screenshot(owner, 'invite-dialog');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.getByText(`Invitation sent to ${grace.email}`).waitFor();
    // Focus went back to the button that opened the dialog.
    expect(await owner.evaluate(() => document.activeElement?.textContent)).toMatch(
      /Invite people/,
    );

    const email = await waitForEmail(harness.baseUrl, grace.email, INVITATION_SUBJECT);
    const guest = await harness.newPage();
    await guest.goto(linkIn(email, '/invite/'));
    await guest.getByRole('heading', { name: `Join ${ORG}` }).waitFor();
    const card = guest.getByRole('main');
    expect(await textOf(card)).toMatch(
      /Olivia Owens invited you to join Acme Robotics as an admin/,
    );
    expect(await guest.getByLabel('Email').inputValue()).toBe(grace.email);
    expect(await guest.getByLabel('Email').getAttribute('readonly')).not.toBeNull();
    await screenshot(guest, 'accept-invitation');

    await guest.getByLabel('Full name').fill(grace.name);
    await guest.getByLabel('Password', { exact: true }).fill(grace.password);
    await guest.getByRole('button', { name: 'Create account and join' }).click();
    await guest.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    const row = memberRow(guest, grace.email);
    await row.waitFor();
    expect(await textOf(row)).toMatch(/Grace Hopper You/);
    expect(await textOf(row)).toMatch(/Admin/);
    // The header's switcher shows the organization and the role in it.
    expect(await textOf(guest.getByRole('button', { name: /switch organization/i }))).toMatch(
      /Acme Robotics\s*Admin/,
    );

    await owner.goto(`/orgs/${slug}/people`);
    expect(await owner.getByLabel(`Role of ${grace.name}`).inputValue()).toBe('admin');
  });

  it('invites someone with an account, who signs in from the accept page and joins', async () => {
    const henry = person('Henry Ford');
    await createAccount(harness.baseUrl, henry);

    await owner.goto(`/orgs/${slug}/people`);
    const dialog = await inviteFromDialog(owner, henry.email, 'Member');
    await dialog.waitFor({ state: 'detached' });

    const email = await waitForEmail(harness.baseUrl, henry.email, INVITATION_SUBJECT);
    const guest = await harness.newPage();
    await guest.goto(linkIn(email, '/invite/'));
    await guest.getByRole('heading', { name: `Join ${ORG}` }).waitFor();
    expect(await textOf(guest.getByRole('main'))).toMatch(/You already have an account/);
    await guest.getByRole('link', { name: 'Sign in to accept' }).click();
    await guest.waitForURL(/\/sign-in\?/);
    expect(await guest.getByLabel('Email').inputValue()).toBe(henry.email);
    await guest.getByLabel('Password', { exact: true }).fill(henry.password);
    await guest.getByRole('button', { name: 'Sign in' }).click();

    await guest.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    const row = memberRow(guest, henry.email);
    await row.waitFor();
    expect(await textOf(row)).toMatch(/Henry Ford You.*Member/);
  });

  it('tells a person signed in with another account whose invitation it is; declining works signed out', async () => {
    // The other account is refused; a declined link is gone (410).
    expectBrowserErrors(/status of (403|410)/);
    const jane = person('Jane Doe');
    const intruder = person('Ivan Other');
    await createAccount(harness.baseUrl, intruder);
    await owner.goto(`/orgs/${slug}/people`);
    await (await inviteFromDialog(owner, jane.email)).waitFor({ state: 'detached' });
    const email = await waitForEmail(harness.baseUrl, jane.email, INVITATION_SUBJECT);

    const other = await harness.newPage();
    await signIn(other, intruder);
    await other.goto(linkIn(email, '/invite/'));
    const alert = other.getByRole('alert').filter({ hasText: 'another account' });
    await alert.waitFor();
    const text = await textOf(alert);
    expect(text).toContain(intruder.email);
    expect(text).not.toContain(jane.email);
    expect(text).toMatch(/j\*\*\*@example\.com/);
    await other.getByRole('button', { name: 'Sign out and continue' }).click();
    await other.getByLabel('Full name').waitFor();

    // Signed out, the invited person may also say no.
    await other.getByRole('button', { name: 'Decline the invitation' }).click();
    await other
      .getByRole('alertdialog', { name: `Decline the invitation to ${ORG}?` })
      .getByRole('button', { name: 'Decline invitation' })
      .click();
    await other.getByRole('heading', { name: 'Invitation declined' }).waitFor();
    await other.reload();
    await other.getByRole('heading', { name: 'This invitation was declined' }).waitFor();
  });

  it('resending turns the old link off, canceling turns the link off', async () => {
    // Dead links answer 410.
    expectBrowserErrors(/status of 410/);
    const ivy = person('Ivy Chen');
    const orgId = await organizationId(owner, slug);
    for (const [email, role] of [
      ['kate@example.com', 'admin'],
      ['leo@example.com', 'member'],
    ]) {
      const response = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
        data: { email, role },
      });
      expect(response.status()).toBe(201);
    }
    // The old Invitations page opens the People view's Pending tab.
    await owner.goto(`/orgs/${slug}/invitations`);
    await owner.waitForURL(new RegExp(`/orgs/${slug}/people\\?tab=pending$`));
    await (await inviteFromDialog(owner, ivy.email, 'Member')).waitFor({ state: 'detached' });
    const first = await waitForEmail(harness.baseUrl, ivy.email, INVITATION_SUBJECT);

    const list = owner.getByRole('table', { name: 'Pending invitations' });
    const item = list.getByRole('row').filter({ hasText: ivy.email });
    await item.waitFor();
    // The delivery worker sends the email in the background; the row follows it.
    await item.getByText('Email sent').waitFor();
    expect(await list.getByRole('row').count()).toBe(4); // header + 3
    expect(await textOf(item)).toMatch(/Invited by Olivia Owens/);

    await owner.getByRole('button', { name: `Resend invitation to ${ivy.email}` }).click();
    await owner.getByText(`Invitation to ${ivy.email} resent`).waitFor();
    const second = await waitForEmail(harness.baseUrl, ivy.email, INVITATION_SUBJECT, {
      after: [first.id],
    });
    expect(linkIn(second, '/invite/')).not.toBe(linkIn(first, '/invite/'));

    const guest = await harness.newPage();
    await guest.goto(linkIn(first, '/invite/'));
    await guest.getByRole('heading', { name: 'This link has been replaced' }).waitFor();
    expect(await textOf(guest.getByRole('main'))).toMatch(/most recent invitation email/);
    await guest.goto(linkIn(second, '/invite/'));
    await guest.getByRole('heading', { name: `Join ${ORG}` }).waitFor();

    await owner.getByRole('button', { name: `Cancel invitation to ${ivy.email}` }).click();
    const confirm = owner.getByRole('alertdialog', { name: 'Cancel this invitation?' });
    await confirm.waitFor();
    expect(await textOf(confirm)).toContain(ivy.email);
    await confirm.getByRole('button', { name: 'Cancel invitation' }).click();
    await owner.getByText(`Invitation to ${ivy.email} canceled`).waitFor();
    await list.getByRole('row').filter({ hasText: ivy.email }).waitFor({ state: 'detached' });

    await guest.goto(linkIn(second, '/invite/'));
    await guest.getByRole('heading', { name: 'This invitation was canceled' }).waitFor();
    expect(await textOf(guest.getByRole('main'))).toMatch(/Acme Robotics canceled this invitation/);
    await screenshot(guest, 'invitation-canceled');

    await owner.getByRole('link', { name: 'History' }).click();
    const past = owner
      .getByRole('table', { name: 'Past invitations' })
      .getByRole('row')
      .filter({ hasText: ivy.email });
    expect(await textOf(past)).toMatch(/Canceled/);
  });

  it('shows a clear page for an unknown link', async () => {
    // An unknown link answers 404.
    expectBrowserErrors(/status of 404/);
    const guest = await harness.newPage();
    await guest.goto('/invite/not-a-real-token');
    await guest.getByRole('heading', { name: 'Invitation not found' }).waitFor();
  });

  it('shows the members with their roles, also at phone width, and the activity log', async () => {
    await owner.goto(`/orgs/${slug}/members`);
    await owner.waitForURL(new RegExp(`/orgs/${slug}/people\\?tab=members$`));
    await memberRow(owner, olivia.email).waitFor();
    const rows = owner.getByRole('row');
    await expect.poll(() => rows.count()).toBe(4); // header + Olivia, Grace, Henry
    expect(await textOf(owner.getByRole('meter', { name: 'Seats used' }).locator('..'))).toMatch(
      /of 25 seats used/,
    );

    const phone = await harness.newPage({ viewport: PHONE });
    await signIn(phone, olivia, {
      path: `/sign-in?redirectTo=${encodeURIComponent(`/orgs/${slug}/people`)}`,
    });
    await memberRow(phone, olivia.email).waitFor();
    // Nothing overflows sideways at phone width.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );

    await owner.goto(`/orgs/${slug}/activity`);
    const log = owner.getByRole('list', { name: 'Activity' });
    await log.waitFor();
    const text = await textOf(log);
    expect(text).toContain(`Olivia Owens created the organization ${ORG}`);
    // Grace has an account by now: her name, not her address.
    expect(text).toContain('Olivia Owens invited Grace Hopper as admin');
    expect(text).toContain('Grace Hopper accepted the invitation and joined as admin');
    expect(text).toContain('Olivia Owens resent the invitation to ivy@example.com');
    expect(text).toContain('Olivia Owens canceled the invitation to ivy@example.com');
    expect(text).toContain('just now');
    await screenshot(owner, 'activity');
  });
});
