import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  inviteFromDialog,
  person,
  signIn,
  startHarness,
  textOf,
  type Harness,
  expectBrowserErrors,
} from './support/harness';

// Read when the server module loads (in startHarness); the other limits stay generous.
process.env.RATE_LIMIT_SIGN_IN_PER_EMAIL = '2/15m';
process.env.RATE_LIMIT_INVITATION_RESEND_COOLDOWN = '60s';

let harness: Harness;
let owner: Page;
const olivia = person('Olivia Owens');

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
});

afterAll(() => harness?.close());

describe('rate limits in the web app', () => {
  it('tells a person how long to wait after too many sign-in attempts', async () => {
    // Refused sign-ins (401) and then the limit (429).
    expectBrowserErrors(/status of (401|429)/);
    const guest = await harness.newPage();
    await guest.goto('/sign-in');
    for (let attempt = 0; attempt < 3; attempt++) {
      await guest.getByLabel('Email').fill('someone@example.com');
      await guest.getByLabel('Password', { exact: true }).fill(`wrong password ${attempt}`);
      await guest.getByRole('button', { name: 'Sign in' }).click();
      await guest.getByText(attempt < 2 ? /don't match/ : /Too many sign-in attempts/).waitFor();
    }
    expect(await textOf(guest.getByText(/Too many sign-in attempts/))).toBe(
      'Too many sign-in attempts. Try again in 15 minutes.',
    );
  });

  it('disables Resend right after an invitation went out and says when it is available', async () => {
    const slug = await createOrganization(owner, 'Resend Cooldown');
    await owner.goto(`/orgs/${slug}/invitations`);
    await (await inviteFromDialog(owner, 'cooldown@example.com')).waitFor({ state: 'detached' });
    const item = owner
      .getByRole('table', { name: 'Pending invitations' })
      .getByRole('row')
      .filter({ hasText: 'cooldown@example.com' });
    const button = item.getByRole('button', { name: /^Resend in \d+ s/ });
    await button.waitFor();
    const seconds = Number(/Resend in (\d+) s/.exec(await textOf(button))![1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await button.isDisabled()).toBe(true);
  });
});
