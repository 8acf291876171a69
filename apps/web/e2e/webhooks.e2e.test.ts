import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganization,
  organizationId,
  person,
  screenshot,
  signIn,
  startHarness,
  textOf,
  type Harness,
} from './support/harness';

// The receiver listens on loopback, which webhooks reach only with this local-testing setting.
process.env.WEBHOOK_ALLOW_PRIVATE_URLS = 'true';

let harness: Harness;
let owner: Page;
let receiver: Server;
const received: Array<{ id: string; type: string }> = [];
const olivia = person('Olivia Hooks');

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string };
      received.push({ id: String(req.headers['webhook-id']), type: event.type });
      res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  harness = await startHarness();
  await createAccount(harness.baseUrl, olivia);
  owner = await harness.newPage();
  await signIn(owner, olivia);
});

afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('webhooks', () => {
  it('adds an endpoint, shows its secret once, and lists its deliveries with Retry now', async () => {
    const slug = await createOrganization(owner, 'Hook Works');
    const orgId = await organizationId(owner, slug);
    await owner.getByRole('link', { name: 'Webhooks' }).click();
    await owner.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await owner.getByLabel('Endpoint URL').fill(url);
    await owner.getByRole('checkbox', { name: 'invitation.created' }).waitFor();
    await owner.getByRole('checkbox', { name: 'member.removed' }).uncheck();
    await owner.getByRole('button', { name: 'Add endpoint' }).click();
    const secret = owner.getByLabel('Signing secret');
    await secret.waitFor();
    expect(await textOf(secret)).toMatch(/^whsec_/);
    const endpoints = owner.getByRole('list', { name: 'Webhook endpoints' });
    expect(await textOf(endpoints)).toContain(url);
    expect(await textOf(endpoints)).toContain('Enabled');
    await owner.getByRole('button', { name: 'Done' }).click();
    await secret.waitFor({ state: 'detached' });

    const invited = await owner.request.post(`/api/organizations/${orgId}/invitations`, {
      data: { email: 'hooked.invitee@example.com' },
    });
    expect(invited.status()).toBe(201);
    await expect
      .poll(() => received.map((r) => r.type), { timeout: 15_000 })
      .toEqual(['invitation.created']);

    await owner.getByRole('link', { name: 'Delivery log' }).click();
    await owner.getByRole('heading', { name: 'Delivery log', level: 1 }).waitFor();
    const row = owner.getByRole('row').filter({ hasText: 'invitation.created' });
    await expect.poll(() => textOf(row)).toMatch(/Delivered.*HTTP 200.*1/);
    expect(await textOf(row)).toContain(received[0]!.id);

    await row.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
    expect(received[1]!.id).toBe(received[0]!.id);
    await owner.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => textOf(row)).toMatch(/Delivered.*HTTP 200.*2/);
    await screenshot(owner, 'webhook-deliveries');
  });
});
