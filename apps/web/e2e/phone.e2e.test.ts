import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  expectAccessible,
  organizationId,
  person,
  PHONE,
  screenshot,
  signIn,
  startHarness,
  type Harness,
} from './support/harness';

let harness: Harness;
let phone: Page;
let slug: string;
const olivia = person('Olivia Wilhelmina Featherstonehaugh-Montgomery');
const dir = mkdtempSync(path.join(tmpdir(), 'kit-e2e-phone-'));

beforeAll(async () => {
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  phone = await harness.newPage({ viewport: PHONE });
  await signIn(phone, olivia);
  slug = await createOrganization(phone, 'Phone Co');
});

afterAll(async () => {
  await harness?.close();
});

/** The element's box lies inside the viewport's width (nothing to scroll sideways to reach it). */
async function expectInView(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} ends on screen`).toBeLessThanOrEqual(PHONE.width);
}

/** The element shows all of its text: nothing clipped or cut off with an ellipsis. */
async function expectNotClipped(locator: Locator, what: string) {
  const clipped = await locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(clipped, `${what} is cut off`).toBe(false);
  await expectInView(locator, what);
}

describe('on a 390 px phone', () => {
  it('shows every navigation item without scrolling sideways', async () => {
    await phone.goto(`/orgs/${slug}/people?tab=members`);
    const nav = phone.getByRole('navigation', { name: 'Main' }).first();
    await nav.getByRole('link', { name: 'Settings' }).waitFor();
    // Whatever the navigation holds (it grows with the product), every item must be reachable.
    const links = await nav.getByRole('link').all();
    const labels = await Promise.all(links.map((l) => l.innerText()));
    expect(labels).toEqual(expect.arrayContaining(['Dashboard', 'People', 'Settings']));
    for (const [i, link] of links.entries()) {
      expect(await link.isVisible(), `"${labels[i]}" tab is visible`).toBe(true);
      await expectInView(link, `"${labels[i]}" tab`);
    }
    expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await expectAccessible(phone, 'people page on a phone');
  });

  it('shows member names and emails in full', async () => {
    await phone.goto(`/orgs/${slug}/members`);
    const row = phone.getByRole('row').filter({ hasText: olivia.email });
    await expectNotClipped(row.getByText(olivia.name, { exact: true }), 'the name');
    await expectNotClipped(row.getByText(olivia.email, { exact: true }), 'the email');
  });

  it('keeps the import preview inside its card, with the "Will be" column in view', async () => {
    const file = path.join(dir, 'people.csv');
    const long = 'alexandra.konstantinopoulou-vanderbilt@subsidiary.example.test';
    writeFileSync(
      file,
      ['email,role', `${long},`, 'bo@example.test,', 'bo@example.test,'].join('\n'),
    );
    await phone.goto(`/orgs/${slug}/invitations/import`);
    await phone.locator('input[type=file]').setInputFiles(file);
    await phone.getByRole('heading', { name: 'Preview of people.csv' }).waitFor();

    const send = phone.getByRole('button', { name: /^Send \d+ invitations?$/ });
    await expectInView(send, 'the send button');
    const card = phone
      .locator('section, div')
      .filter({ has: send })
      .filter({
        has: phone.getByRole('table'),
      });
    const cardBox = (await card.last().boundingBox())!;
    const sendBox = (await send.boundingBox())!;
    expect(sendBox.x + sendBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);

    const table = phone.getByRole('table');
    await expectInView(table.getByRole('columnheader', { name: 'Will be' }), '"Will be"');
    const scroller = table.locator('xpath=..');
    expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expectNotClipped(
      table.getByRole('cell').filter({ hasText: long }).first(),
      'a long address',
    );
    await expectAccessible(phone, 'import preview on a phone');
    await screenshot(phone, 'import-mobile', { fullPage: true });
    expect(await organizationId(phone, slug)).toBeTruthy();
  });
});
