import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterEach, expect } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = path.resolve(here, '../../../../docs/screenshots');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * The browser to drive: `CHROMIUM_PATH`, else Debian's headless shell (chromium-headless-shell,
 * the lighter build Playwright itself runs headless: the suite takes about a fifth less time and
 * a third less CPU), else Chromium.
 */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const shell = '/usr/bin/chromium-headless-shell';
  return existsSync(shell) ? shell : '/usr/bin/chromium';
}

/** A port nobody listens on right now: listen on 0, read it, close. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Imports a server-side package at run time. The specifier goes through a variable so that
 * type-checking the tests does not type-check the whole API; callers state the part they use.
 */
export function serverModule<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** The policy registries of the kit under test (what these tests use of them). */
export type TestRegistries = {
  invitationCreate: {
    registerPolicy(policy: { id: string }): void;
    unregisterPolicy(id: string): void;
  };
};

/**
 * What went wrong in the browser while a test ran: console errors, uncaught exceptions and
 * failed requests. Every test fails on them, except for the ones it declared with `expectErrors`.
 */
type PageWatch = { problems: string[]; expected: RegExp[] };
const watched = new Map<Page, PageWatch>();

/**
 * Declares console errors a test causes on purpose (e.g. the browser's "Failed to load resource:
 * … 403" after a refused request), so that they don't fail it. Each pattern holds until the test ends.
 */
export function expectErrors(page: Page, ...patterns: RegExp[]): void {
  watched.get(page)?.expected.push(...patterns);
}

const expectedEverywhere: RegExp[] = [];

/** Like `expectErrors`, for every page of the current test (including ones it opens later). */
export function expectBrowserErrors(...patterns: RegExp[]): void {
  expectedEverywhere.push(...patterns);
}

function watchPage(page: Page): void {
  const watch: PageWatch = { problems: [], expected: [] };
  watched.set(page, watch);
  const report = (text: string) => {
    if (![...watch.expected, ...expectedEverywhere].some((pattern) => pattern.test(text)))
      watch.problems.push(`${page.url()}: ${text}`);
  };
  page.on('close', () => watched.delete(page));
  page.on('pageerror', (error) => report(`uncaught ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') report(`console.error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A navigation or an aborted fetch (the page moved on) cancels requests in flight: not a fault.
    if (failure === 'net::ERR_ABORTED') return;
    report(`request failed: ${request.method()} ${request.url()} (${failure})`);
  });
}

/** Axe rules that are off by default and that the app keeps passing too. */
const EXTRA_AXE_RULES = ['label-content-name-mismatch'];

/**
 * Runs axe-core on the page as it is now (WCAG A/AA and best practices, plus the rules above) and
 * fails with every violation, its elements and axe's explanation. `page.evaluate` runs outside the
 * page's Content-Security-Policy, so axe needs no inline script.
 */
export async function expectAccessible(page: Page, where = ''): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe-core on ${where || page.url()}`).toEqual([]);
}

async function axeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axe.source);
  const results = await page.evaluate(async (rules) => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    // While a modal dialog is open the rest of the page is hidden and out of reach: check the
    // dialog (page-level rules such as "one main landmark" do not apply to it).
    const modal = document.querySelector('[aria-modal="true"], [role="alertdialog"]');
    return engine.run(modal ?? document, {
      resultTypes: ['violations'],
      rules: Object.fromEntries(rules.map((id) => [id, { enabled: true }])),
    });
  }, EXTRA_AXE_RULES);
  return (
    results.violations
      // An open menu is placed in a layer of its own (Radix's popper wrapper); it belongs to
      // the landmark of the button that opened it.
      .map((v) =>
        v.id === 'region'
          ? {
              ...v,
              nodes: v.nodes.filter(
                (n) => !n.target.join(' ').includes('data-radix-popper-content-wrapper'),
              ),
            }
          : v,
      )
      .filter((v) => v.nodes.length > 0)
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'),
      )
  );
}

/**
 * After every test: each open page must have had no unexpected console errors, uncaught exceptions
 * or failed requests, and must pass axe in the state the test left it in. Tests also call
 * `expectAccessible` at the pages and states they visit on the way.
 */
afterEach(async () => {
  const failures: string[] = [];
  for (const [page, watch] of watched) {
    if (page.isClosed()) continue;
    if (page.url() !== 'about:blank') {
      // Let a page that is still loading settle first.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
      const violations = await axeViolations(page).catch(() => []);
      failures.push(...violations.map((v) => `${page.url()}: axe ${v}`));
    }
    failures.push(...watch.problems.splice(0));
    watch.expected.length = 0;
  }
  expectedEverywhere.length = 0;
  if (failures.length > 0)
    throw new Error(`The browser reported problems:\n${failures.join('\n')}`);
});

/** The plan catalog of the kit under test (whatever a fork configured). */
export type TestPlans = {
  plans: Readonly<Record<string, { name: string; seats: number | null }>>;
  defaultPlan: string;
};

export type Harness = {
  baseUrl: string;
  browser: Browser;
  registries: TestRegistries;
  plans: TestPlans;
  /** A fresh browser profile (its own cookies) with one page. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
};

/**
 * Starts a kit of the file's own (its database, fresh registries, links to the harness's URL)
 * serving the built web app and running the email worker on a free port, and Chromium.
 */
export async function startHarness({
  billingUrl,
}: {
  /** The kit's billing URL (where owners upgrade); none by default. */
  billingUrl?: string;
} = {}): Promise<Harness> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const { createTestKit } = await serverModule<{
    createTestKit(options: { auth: { appUrl: string }; billing?: { url: string } }): {
      registries: TestRegistries;
      runtime: { plans?: TestPlans };
    };
  }>('@kit/api/testing');
  const { startServer } = await serverModule<{
    startServer(
      kit: unknown,
      options: { port: number; serveWeb: boolean },
    ): Promise<{ close(): Promise<void> }>;
  }>('@kit/api/server');
  const kit = createTestKit({
    auth: { appUrl: baseUrl },
    ...(billingUrl ? { billing: { url: billingUrl } } : {}),
  });
  const server = await startServer(kit, { port, serveWeb: true });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const contexts: BrowserContext[] = [];
  // What the page's Content-Security-Policy refused: a style or script the app itself needs.
  const cspViolations: string[] = [];
  return {
    baseUrl,
    browser,
    registries: kit.registries,
    plans: kit.runtime.plans!,
    async newPage({ viewport = DESKTOP } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport,
        reducedMotion: 'reduce',
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      watchPage(page);
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          cspViolations.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      if (cspViolations.length > 0)
        throw new Error(`The Content-Security-Policy refused:\n${cspViolations.join('\n')}`);
    },
  };
}

/**
 * A page of the harness whose console errors and uncaught exceptions are collected. A failed
 * request is logged by Chromium itself ("Failed to load resource"); the tests that expect one (a
 * wrong password) assert the message the page shows instead.
 */
export async function watchedPage(harness: Harness, viewport = DESKTOP) {
  const page = await harness.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return { page, errors };
}

/** No part of the page is wider than the window (nothing cut off or scrolling sideways). */
export async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
}

/** Saves a screenshot to docs/screenshots, only when SCREENSHOTS=1 (so ordinary runs change no files). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Notifications would cover the page: dismiss them. Keep the caret out of the picture too.
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) {
    await button.click({ timeout: 1000 }).catch(() => undefined);
  }
  await page
    .evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.())
    .catch(() => undefined);
  await page.waitForTimeout(250);
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: options.fullPage ?? false,
  });
}

type MailboxMessage = {
  id: string;
  to: string;
  subject: string;
  text: string;
  links: string[];
  createdAt: string;
};

/** The newest email to `to` whose subject matches, waiting for the delivery worker to send it. */
export async function waitForEmail(
  baseUrl: string,
  to: string,
  subject: RegExp,
  { after }: { after?: string[] } = {},
): Promise<MailboxMessage> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/dev/mailbox?to=${encodeURIComponent(to)}`);
    const { messages } = (await response.json()) as { messages: MailboxMessage[] };
    const found = messages.find((m) => subject.test(m.subject) && !after?.includes(m.id));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`No email to ${to} matching ${subject} arrived`);
}

/** The link in an email that points at `pathPart` (e.g. "/invite/" or "verify-email"). */
export function linkIn(message: MailboxMessage, pathPart: string): string {
  const link = message.links.find((l) => l.includes(pathPart));
  if (!link)
    throw new Error(`No ${pathPart} link in "${message.subject}": ${message.links.join(', ')}`);
  return link;
}

export type Person = { name: string; email: string; password: string };

const taken = new Set<string>();
/** A person with an address of their own: "Grace Hopper" → grace@example.com (each file has its own database). */
export function person(name: string): Person {
  const first =
    name
      .toLowerCase()
      .split(/\s+/)[0]!
      .replace(/[^a-z]/g, '') || 'someone';
  let local = first;
  for (let n = 2; taken.has(local); n++) local = `${first}${n}`;
  taken.add(local);
  return { name, email: `${local}@example.com`, password: 'correct horse battery' };
}

/** Creates a verified account through the API (sign-up, then the verification link). */
export async function createAccount(baseUrl: string, who: Person): Promise<void> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({
      name: who.name,
      email: who.email,
      password: who.password,
      callbackURL: '/dashboard',
    }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const message = await waitForEmail(baseUrl, who.email, /confirm your email/i);
  const verified = await fetch(linkIn(message, 'verify-email'), { redirect: 'manual' });
  expect(verified.status).toBeLessThan(400);
}

/** Signs in through the sign-in page and waits for the page it leads to. */
export async function signIn(
  page: Page,
  who: Person,
  { path: start = '/sign-in' } = {},
): Promise<void> {
  await page.goto(start);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Creates an organization through the page at /orgs/new; returns its slug. */
export async function createOrganization(page: Page, name: string): Promise<string> {
  await page.goto('/orgs/new');
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.waitForURL(/\/orgs\/[^/]+\/people$/);
  await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** The organization's id, from the API with the page's own session. */
export async function organizationId(page: Page, slug: string): Promise<string> {
  const response = await page.request.get('/api/organizations');
  const { organizations } = (await response.json()) as {
    organizations: { id: string; slug: string }[];
  };
  const org = organizations.find((o) => o.slug === slug);
  if (!org) throw new Error(`Organization ${slug} not found`);
  return org.id;
}

/** Puts the organization (found by slug with the page's session) on one of the kit's plans. */
export async function setPlan(page: Page, slug: string, plan: string): Promise<void> {
  const { setOrganizationPlan } = await serverModule<{
    setOrganizationPlan(input: { organizationId: string; plan: string }): Promise<unknown>;
  }>('@kit/organization');
  await setOrganizationPlan({ organizationId: await organizationId(page, slug), plan });
}

/** Opens the invite dialog, invites `email` as `role`, and waits for it to close. */
export async function inviteFromDialog(
  page: Page,
  email: string,
  role = 'Member',
): Promise<Locator> {
  await page.getByRole('button', { name: 'Invite people' }).first().click();
  const dialog = page.getByRole('dialog', { name: /Invite people/ });
  await dialog.getByLabel('Email addresses').fill(email);
  await dialog.getByLabel('Role').selectOption({ label: role });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  return dialog;
}

/** The element's text as rendered (innerText), whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}
