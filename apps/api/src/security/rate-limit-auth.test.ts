import { listMailbox, drainOutbox } from '@kit/email';
import { afterEach, describe, expect, it } from 'vitest';
import { signUpVerified, testClient, type TestResponse } from '../testing/client';
import { appWithRateLimits, fromAddress, testRateLimits } from '../testing/rate-limits';

const generous = { max: 1000, windowMs: 3_600_000 };
const rule = (max: number) => ({ max, windowMs: 15 * 60_000 });

function expectRateLimited(response: TestResponse) {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(response.body).toEqual({
    error: {
      code: 'RATE_LIMITED',
      message: expect.stringMatching(new RegExp(`Try again in ${retryAfter} s\\.$`)),
      details: { retryAfter },
    },
  });
}

const signIn = (app: Parameters<typeof testClient>[0], email: string, init?: RequestInit) =>
  testClient(app).post('/api/auth/sign-in/email', { email, password: 'wrong-password' }, init);

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

describe('sign-in limits', () => {
  it('limits attempts per client address; a different X-Forwarded-For each time changes nothing', async () => {
    const app = appWithRateLimits(
      testRateLimits({ signIn: { perIp: rule(3), perEmail: generous } }),
    );
    const attacker = fromAddress(app, '198.51.100.7');
    for (let i = 0; i < 3; i++) {
      const attempt = await signIn(attacker, `guess${i}@example.com`, {
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      expect(attempt.status).toBe(401);
    }
    expectRateLimited(
      await signIn(attacker, 'guess3@example.com', {
        headers: { 'x-forwarded-for': '203.0.113.99' },
      }),
    );
    expectRateLimited(await signIn(attacker, 'guess4@example.com'));

    // Someone else, connecting from their own address without any forwarding header: unaffected.
    expect((await signIn(fromAddress(app, '198.51.100.8'), 'guess5@example.com')).status).toBe(401);
    // IPv6 addresses in one /64 are one client.
    const v6 = fromAddress(app, '2001:db8:1:2::a');
    for (let i = 0; i < 3; i++) await signIn(v6, `v6-${i}@example.com`);
    expectRateLimited(await signIn(fromAddress(app, '2001:db8:1:2:ffff::b'), 'v6@example.com'));
    expect((await signIn(fromAddress(app, '2001:db8:1:3::a'), 'v6@example.com')).status).toBe(401);
  });

  it('limits attempts per email across addresses, the same answer whether or not the account exists', async () => {
    const app = appWithRateLimits(
      testRateLimits({ signIn: { perIp: generous, perEmail: rule(2) } }),
    );
    await signUpVerified(app, {
      name: 'Vic',
      email: 'victim@example.com',
      password: 'right-password',
    });

    const answers: Record<string, TestResponse> = {};
    for (const email of ['victim@example.com', 'ghost@example.com']) {
      await signIn(fromAddress(app, '192.0.2.1'), email);
      await signIn(fromAddress(app, '192.0.2.2'), ` ${email.toUpperCase()} `);
      answers[email] = await signIn(fromAddress(app, '192.0.2.3'), email);
      expectRateLimited(answers[email]);
    }
    const shape = (r: TestResponse) => ({
      status: r.status,
      code: r.body.error.code,
      message: r.body.error.message.replace(/\d+ s\./, 'N s.'),
    });
    expect(shape(answers['victim@example.com']!)).toEqual(shape(answers['ghost@example.com']!));

    // The right password is refused too until the window ends: guessing gains nothing.
    const right = await testClient(fromAddress(app, '192.0.2.4')).post('/api/auth/sign-in/email', {
      email: 'victim@example.com',
      password: 'right-password',
    });
    expectRateLimited(right);
    expect((await signIn(fromAddress(app, '192.0.2.1'), 'other@example.com')).status).toBe(401);
  });

  it('without a socket address (app.request in tests) every request is one "unknown" client', async () => {
    const app = appWithRateLimits(
      testRateLimits({ signIn: { perIp: rule(2), perEmail: generous } }),
    );
    await signIn(app, 'a@example.com');
    await signIn(app, 'b@example.com');
    expectRateLimited(await signIn(app, 'c@example.com'));
  });

  it('with TRUSTED_PROXIES=1 keys by the address the proxy appended, not by what the client sent', async () => {
    process.env.TRUSTED_PROXIES = '1';
    const app = appWithRateLimits(
      testRateLimits({ signIn: { perIp: rule(2), perEmail: generous } }),
    );
    const proxy = fromAddress(app, '10.0.0.2');
    const via = (client: string, spoofed?: string) => ({
      headers: { 'x-forwarded-for': spoofed ? `${spoofed}, ${client}` : client },
    });
    expect((await signIn(proxy, 'p1@example.com', via('203.0.113.10'))).status).toBe(401);
    expect((await signIn(proxy, 'p2@example.com', via('203.0.113.10', '1.1.1.1'))).status).toBe(
      401,
    );
    expectRateLimited(await signIn(proxy, 'p3@example.com', via('203.0.113.10', '8.8.8.8')));
    // Another client behind the same proxy has a bucket of its own.
    expect((await signIn(proxy, 'p4@example.com', via('203.0.113.11'))).status).toBe(401);
  });
});

describe('sign-up limits', () => {
  it('limits sign-ups per client address and per email', async () => {
    const app = appWithRateLimits(
      testRateLimits({ signUp: { perIp: rule(2), perEmail: rule(1) } }),
    );
    const signUp = (from: string, email: string) =>
      testClient(fromAddress(app, from)).post('/api/auth/sign-up/email', {
        name: 'New Person',
        email,
        password: 'a-good-password',
      });
    expect((await signUp('192.0.2.10', 'new1@example.com')).status).toBe(200);
    expect((await signUp('192.0.2.10', 'new2@example.com')).status).toBe(200);
    expectRateLimited(await signUp('192.0.2.10', 'new3@example.com'));
    expectRateLimited(await signUp('192.0.2.11', 'NEW1@example.com'));
    expect((await signUp('192.0.2.11', 'new4@example.com')).status).toBe(200);
  });
});

describe('email-sending limits', () => {
  it('sends at most the allowed number of reset emails per address, and answers unknown addresses alike', async () => {
    const app = appWithRateLimits(
      testRateLimits({ passwordReset: { perIp: generous, perEmail: rule(2) } }),
    );
    await signUpVerified(app, { name: 'Alan', email: 'alan@example.com' });
    const requestReset = (email: string, from: string) =>
      testClient(fromAddress(app, from)).post('/api/auth/request-password-reset', {
        email,
        redirectTo: 'http://localhost:3000/reset-password',
      });
    for (const email of ['alan@example.com', 'nobody@example.com']) {
      expect((await requestReset(email, '192.0.2.20')).status).toBe(200);
      expect((await requestReset(email, '192.0.2.21')).status).toBe(200);
      for (let i = 0; i < 3; i++) expectRateLimited(await requestReset(email, `192.0.2.3${i}`));
    }
    await drainOutbox();
    const resets = (await listMailbox({ to: 'alan@example.com' })).filter((m) =>
      /reset/i.test(m.subject),
    );
    expect(resets).toHaveLength(2);
  });

  it('limits verification emails per address and per client address', async () => {
    const app = appWithRateLimits(
      testRateLimits({ verificationEmail: { perIp: rule(3), perEmail: rule(1) } }),
    );
    const resend = (email: string, from: string) =>
      testClient(fromAddress(app, from)).post('/api/auth/send-verification-email', { email });
    expect((await resend('pending@example.com', '192.0.2.40')).status).toBe(200);
    expectRateLimited(await resend('pending@example.com', '192.0.2.41'));
    expect((await resend('pending2@example.com', '192.0.2.40')).status).toBe(200);
    expect((await resend('pending3@example.com', '192.0.2.40')).status).toBe(200);
    expectRateLimited(await resend('pending4@example.com', '192.0.2.40'));
  });
});

describe('invitation link limits', () => {
  it('limits look-ups and answers on /api/invitations/:token per client address', async () => {
    const app = appWithRateLimits(testRateLimits({ invitationLinkPerIp: rule(3) }));
    const prober = testClient(fromAddress(app, '198.51.100.50'));
    for (let i = 0; i < 2; i++)
      expect((await prober.get(`/api/invitations/not-a-token-${i}`)).status).toBe(404);
    expect((await prober.post('/api/invitations/not-a-token/decline')).status).toBe(404);
    expectRateLimited(await prober.get('/api/invitations/not-a-token-3'));
    expectRateLimited(await prober.post('/api/invitations/not-a-token/accept'));
    expectRateLimited(
      await prober.post('/api/invitations/not-a-token/sign-up', {
        name: 'X',
        password: 'xxxxxxxx',
      }),
    );
    const other = testClient(fromAddress(app, '198.51.100.51'));
    expect((await other.get('/api/invitations/not-a-token')).status).toBe(404);
  });
});
