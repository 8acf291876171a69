import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startHarness, type Harness } from './support/harness';

// The API reference page is Swagger UI, served from the app's own files under a policy of its
// own. The page's markup is Swagger UI's, not the kit's, so it is opened in a context the
// harness does not audit with axe; this file checks what the kit owns: the page loads from this
// origin only, under its Content-Security-Policy, and lists every documented operation.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

function watch(page: Page) {
  const problems: string[] = [];
  const origin = new URL(harness.baseUrl).origin;
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'data:' && url.origin !== origin) problems.push(`outside: ${r.url()}`);
  });
  return problems;
}

describe('the API reference page', () => {
  it('lists every documented operation, loading nothing from outside the app', async () => {
    const context = await harness.browser.newContext({
      baseURL: harness.baseUrl,
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const problems = watch(page);

    const document = (await (await page.request.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.keys(item).filter((key) => methods.has(key)),
    ).length;
    expect(operations).toBeGreaterThan(0);

    const response = await page.goto('/api/docs');
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 20_000 }).toBe(operations);
    await expect.poll(() => page.locator('.info .title').innerText()).toMatch(/API/);

    await screenshot(page, 'api-docs');
    expect(problems).toEqual([]);
    await context.close();
  });
});
