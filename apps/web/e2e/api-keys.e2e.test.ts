import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
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
const olivia = person('Olivia Keys');

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
});

afterAll(async () => {
  await harness?.close();
});

/** What a script holding the key gets: Node's fetch, no cookie, no browser. */
const withKey = (secret: string, path: string, body?: unknown) =>
  fetch(`${harness.baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('API keys', () => {
  it('creates a key shown once, which a script uses to list members until it is revoked', async () => {
    const slug = await createOrganization(owner, 'Key Works');
    const orgId = await organizationId(owner, slug);
    await owner.getByRole('link', { name: 'API keys' }).click();
    await owner.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
    await owner.getByText('No API keys yet').waitFor();
    expect(await textOf(owner.getByLabel('Organization ID'))).toBe(orgId);

    await owner.getByRole('button', { name: 'Create API key' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Create an API key' });
    await dialog.getByLabel('Name').fill('HR sync');
    await dialog.getByRole('checkbox', { name: /members:read/ }).check();
    await dialog.getByRole('checkbox', { name: /invitations:write/ }).check();
    await dialog.getByLabel('Expires').selectOption({ label: '30 days' });
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const secretBox = owner.getByLabel('New API key');
    await secretBox.waitFor();
    const secret = await textOf(secretBox);
    expect(secret).toMatch(/^kit_[A-Za-z0-9_-]{43}$/);
    const list = owner.getByRole('list', { name: 'API keys' });
    const row = list.getByRole('listitem', { name: 'HR sync' });
    expect(await textOf(row)).toContain(`${secret.slice(0, 12)}…`);
    expect(await textOf(row)).toContain('members:read');
    expect(await textOf(row)).toContain('invitations:write');
    expect(await textOf(row)).not.toContain('invitations:read');
    expect(await textOf(row)).toContain('never used');
    expect(await textOf(row)).toMatch(/expires/);
    await owner.getByRole('button', { name: 'Copy key' }).waitFor();
    await screenshot(owner, 'api-keys');

    // Done: the secret is gone, and no later visit shows it again.
    await owner.getByRole('button', { name: 'Done' }).click();
    await secretBox.waitFor({ state: 'detached' });
    await owner.reload();
    await row.waitFor();
    expect(await owner.content()).not.toContain(secret);

    const members = await withKey(secret, `/api/organizations/${orgId}/members`);
    expect(members.status).toBe(200);
    const body = (await members.json()) as { members: Array<{ email: string; role: string }> };
    expect(body.members).toEqual([expect.objectContaining({ email: olivia.email, role: 'owner' })]);
    // Outside its scopes: refused with the scope it lacks.
    const invitations = await withKey(secret, `/api/organizations/${orgId}/invitations`);
    expect(invitations.status).toBe(403);
    expect(((await invitations.json()) as { error: { code: string } }).error.code).toBe(
      'INSUFFICIENT_SCOPE',
    );

    // Within its scopes it invites, and the activity log names the key.
    const invited = await withKey(secret, `/api/organizations/${orgId}/invitations`, {
      email: 'scripted.invitee@example.com',
      metadata: { employeeId: 'E-7' },
    });
    expect(invited.status).toBe(201);

    await owner.reload();
    await expect.poll(() => textOf(row)).toContain('last used');

    await row.getByRole('button', { name: 'Revoke' }).click();
    const confirm = owner.getByRole('alertdialog', { name: 'Revoke this API key?' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await row.waitFor({ state: 'detached' });
    await owner.getByText('No API keys yet').waitFor();

    const refused = await withKey(secret, `/api/organizations/${orgId}/members`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      'INVALID_API_KEY',
    );

    // The activity log names the key's creation and revocation.
    await owner.getByRole('link', { name: 'Activity' }).click();
    const log = owner.getByRole('list', { name: 'Activity' });
    await expect.poll(() => textOf(log)).toContain('revoked the API key HR sync');
    expect(await textOf(log)).toContain('created the API key HR sync');
    expect(await textOf(log)).toContain('API key HR sync invited scripted.invitee@example.com');
  });

  it('offers a member neither the page nor its link', async () => {
    const slug = await createOrganization(owner, 'Key Members');
    const orgId = await organizationId(owner, slug);
    const mia = person('Mia Member');
    const invited = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email: mia.email, role: 'member' },
    });
    expect(invited.status()).toBe(201);
    const email = await waitForEmail(harness.baseUrl, mia.email, /invited you to join/);
    const page = await harness.newPage();
    await page.goto(linkIn(email, '/invite/'));
    await page.getByLabel('Full name').fill(mia.name);
    await page.getByLabel('Password', { exact: true }).fill(mia.password);
    await page.getByRole('button', { name: 'Create account and join' }).click();
    await page.waitForURL(new RegExp(`/orgs/${slug}/people$`));
    const nav = page.getByRole('navigation', { name: 'Main' }).first();
    await nav.getByRole('link', { name: 'People' }).waitFor();
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    await page.goto(`/orgs/${slug}/api-keys`);
    await page.getByText('Only owners and admins can manage API keys').waitFor();
    expect(await page.getByRole('button', { name: 'Create API key' }).count()).toBe(0);
  });
});
