import { db, session, user } from '@kit/database';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailsTo, uniqueEmail } from './testing/organizations';
import { latestEmail, signUpVerified, testClient } from './testing/client';
import { createTestKit } from './testing/kit';
import { appWithRateLimits, testRateLimits } from './testing/rate-limits';

const { app } = createTestKit();

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInFrom(email: string, password: string, userAgent: string) {
  const client = testClient(app);
  const response = await client.post(
    '/api/auth/sign-in/email',
    { email, password },
    { headers: { 'user-agent': userAgent } },
  );
  expect(response.status).toBe(200);
  return client;
}

describe('name', () => {
  it('changes through update-user and refuses a name with a line break', async () => {
    const email = uniqueEmail('rename');
    const me = await signUpVerified(app, { name: 'Old Name', email });
    expect((await me.post('/api/auth/update-user', { name: '  New Name ' })).status).toBe(200);
    expect((await me.get('/api/auth/get-session')).body.user.name).toBe('New Name');
    const bad = await me.post('/api/auth/update-user', { name: 'Evil\r\nBcc: x@y.z' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_NAME');
    const [row] = await db.select().from(user).where(eq(user.email, email));
    expect(row?.name).toBe('New Name');
  });
});

describe('email address', () => {
  it('sends a link to the new address, tells the old one, and changes only when the link is opened', async () => {
    const oldEmail = uniqueEmail('mover');
    const newEmail = uniqueEmail('moved');
    const me = await signUpVerified(app, {
      name: 'Mo Ver',
      email: oldEmail,
      password: 'mover-password',
    });

    const asked = await me.post('/api/auth/change-email', { newEmail, callbackURL: '/account' });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ status: true });
    // Nothing changes yet.
    expect((await me.get('/api/auth/get-session')).body.user.email).toBe(oldEmail);

    const notice = await latestEmail(oldEmail, /change of your .* email address/i);
    expect(notice.text).toContain(newEmail);
    expect(notice.links.some((l) => l.includes('/forgot-password'))).toBe(true);
    expect(notice.links.some((l) => l.includes('/verify-email'))).toBe(false);

    const confirm = await latestEmail(newEmail, /confirm your new/i);
    expect(confirm.text).toContain('Hi Mo Ver');
    const link = confirm.links.find((l) => l.includes('/api/auth/verify-email?token='));
    expect(link).toBeDefined();
    const opened = await me.open(link!);
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe('/account');

    expect((await me.get('/api/auth/get-session')).body.user).toMatchObject({
      email: newEmail,
      emailVerified: true,
    });
    const signInOld = await testClient(app).post('/api/auth/sign-in/email', {
      email: oldEmail,
      password: 'mover-password',
    });
    expect(signInOld.status).toBe(401);
    const signInNew = await testClient(app).post('/api/auth/sign-in/email', {
      email: newEmail,
      password: 'mover-password',
    });
    expect(signInNew.status).toBe(200);
    // The welcome email is not sent again for the new address.
    expect((await emailsTo(newEmail)).filter((m) => /welcome/i.test(m.subject))).toEqual([]);
  });

  it('answers the same for an address that has an account, and sends it nothing', async () => {
    const taken = uniqueEmail('taken');
    await signUpVerified(app, { name: 'Taken', email: taken });
    const me = await signUpVerified(app, { name: 'Asker', email: uniqueEmail('asker') });
    const before = (await emailsTo(taken)).length;
    const asked = await me.post('/api/auth/change-email', { newEmail: taken });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ status: true });
    expect(await emailsTo(taken)).toHaveLength(before);
  });

  it('is rate limited per new address', async () => {
    const limited = appWithRateLimits(
      testRateLimits({ changeEmail: { perEmail: { max: 1, windowMs: 3_600_000 } } }),
    );
    const me = await signUpVerified(limited, { name: 'Hasty', email: uniqueEmail('hasty') });
    const target = uniqueEmail('target');
    expect((await me.post('/api/auth/change-email', { newEmail: target })).status).toBe(200);
    const again = await me.post('/api/auth/change-email', { newEmail: target.toUpperCase() });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('RATE_LIMITED');
    expect(await emailsTo(target)).toHaveLength(1);
  });
});

describe('sign-up with an address that has an account', () => {
  it('answers exactly like a new sign-up and emails the owner of the address instead', async () => {
    const existing = uniqueEmail('existing');
    await signUpVerified(app, {
      name: 'Existing Person',
      email: existing,
      password: 'first-password',
    });
    const fresh = uniqueEmail('fresh');
    const attempt = (email: string) =>
      testClient(app).post('/api/auth/sign-up/email', {
        name: 'Someone',
        email,
        password: 'second-password',
        callbackURL: '/dashboard',
      });

    const forExisting = await attempt(existing);
    const forFresh = await attempt(fresh);
    expect(forExisting.status).toBe(forFresh.status);
    expect(forExisting.status).toBe(200);
    const shape = (body: { user: Record<string, unknown> }) => ({
      keys: Object.keys(body).sort(),
      userKeys: Object.keys(body.user).sort(),
      user: {
        ...body.user,
        id: typeof body.user.id,
        createdAt: typeof body.user.createdAt,
        updatedAt: typeof body.user.updatedAt,
        email: undefined,
      },
    });
    expect(shape(forExisting.body)).toEqual(shape(forFresh.body));
    expect(forExisting.headers.getSetCookie()).toEqual(forFresh.headers.getSetCookie());

    const message = await latestEmail(existing, /already have an account/i);
    expect(message.text).toContain('Hi Existing Person');
    expect(message.text).toContain('no new account was created');
    expect(message.links).toEqual([expect.stringContaining('/sign-in?email=')]);
    // No verification email for the existing address, and the password did not change.
    const toExisting = await emailsTo(existing);
    expect(toExisting.filter((m) => /confirm your email/i.test(m.subject))).toHaveLength(1);
    const signIn = await testClient(app).post('/api/auth/sign-in/email', {
      email: existing,
      password: 'second-password',
    });
    expect(signIn.status).toBe(401);
    // The new address got the usual verification email.
    expect((await latestEmail(fresh)).subject).toMatch(/confirm your email/i);
  });

  it('is rate limited per address like every sign-up, sending no more emails', async () => {
    const limited = appWithRateLimits(
      testRateLimits({ signUp: { perEmail: { max: 2, windowMs: 3_600_000 } } }),
    );
    const existing = uniqueEmail('limited-existing');
    // The counters live in the database: creating the account is the first sign-up counted.
    await signUpVerified(app, { name: 'Limited', email: existing });
    const again = () =>
      testClient(limited).post('/api/auth/sign-up/email', {
        name: 'Again',
        email: existing,
        password: 'some-password',
      });
    expect((await again()).status).toBe(200);
    const third = await again();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    const notices = (await emailsTo(existing)).filter((m) =>
      /already have an account/i.test(m.subject),
    );
    expect(notices).toHaveLength(1);
  });
});

describe('password', () => {
  it('needs the current password, and signs out the other sessions when asked', async () => {
    const email = uniqueEmail('pw');
    const me = await signUpVerified(app, { name: 'Pat', email, password: 'old-password-1' });
    const phone = await signInFrom(email, 'old-password-1', SAFARI_IPHONE);
    const laptop = await signInFrom(email, 'old-password-1', CHROME_MAC);

    const wrong = await me.post('/api/auth/change-password', {
      currentPassword: 'not-my-password',
      newPassword: 'new-password-2',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVALID_PASSWORD');

    const keep = await me.post('/api/auth/change-password', {
      currentPassword: 'old-password-1',
      newPassword: 'new-password-2',
    });
    expect(keep.status).toBe(200);
    expect((await phone.get('/api/auth/get-session')).body.user.email).toBe(email);

    const revoke = await me.post('/api/auth/change-password', {
      currentPassword: 'new-password-2',
      newPassword: 'new-password-3',
      revokeOtherSessions: true,
    });
    expect(revoke.status).toBe(200);
    expect(JSON.stringify(revoke.body)).not.toMatch(/token/i);
    expect((await me.get('/api/auth/get-session')).body.user.email).toBe(email);
    expect((await phone.get('/api/auth/get-session')).body).toBeNull();
    expect((await laptop.get('/api/auth/get-session')).body).toBeNull();
    const signIn = await testClient(app).post('/api/auth/sign-in/email', {
      email,
      password: 'new-password-3',
    });
    expect(signIn.status).toBe(200);
  });
});

describe('sessions', () => {
  it('lists each session with browser, system and device, marks the current one, and shows no token', async () => {
    const email = uniqueEmail('sessions');
    await signUpVerified(app, { name: 'Sam', email, password: 'sams-password' });
    const laptop = await signInFrom(email, 'sams-password', CHROME_MAC);
    await signInFrom(email, 'sams-password', SAFARI_IPHONE);

    const listed = await laptop.get('/api/account/sessions');
    expect(listed.status).toBe(200);
    const sessions = listed.body.sessions as Array<Record<string, unknown>>;
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({
      current: true,
      browser: 'Chrome',
      browserVersion: '126',
      os: 'macOS',
      device: 'desktop',
    });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions).toContainEqual(
      expect.objectContaining({ current: false, browser: 'Safari', os: 'iOS', device: 'mobile' }),
    );
    for (const s of sessions) {
      expect(Date.parse(s.lastSeenAt as string)).not.toBeNaN();
      expect(Object.keys(s)).not.toContain('token');
    }
    const tokens = await db.select({ token: session.token }).from(session);
    for (const { token } of tokens) expect(JSON.stringify(listed.body)).not.toContain(token);
  });

  it('revoking a session really ends it; the current one and other people’s are refused', async () => {
    const email = uniqueEmail('revoke');
    await signUpVerified(app, { name: 'Rev', email, password: 'revs-password' });
    const laptop = await signInFrom(email, 'revs-password', CHROME_MAC);
    const phone = await signInFrom(email, 'revs-password', SAFARI_IPHONE);
    const stranger = await signUpVerified(app, {
      name: 'Stranger',
      email: uniqueEmail('stranger'),
    });

    const sessions = (await laptop.get('/api/account/sessions')).body.sessions as Array<{
      id: string;
      current: boolean;
      os: string;
    }>;
    const phoneSession = sessions.find((s) => s.os === 'iOS')!;
    const current = sessions.find((s) => s.current)!;

    const notMine = await stranger.delete(`/api/account/sessions/${phoneSession.id}`);
    expect(notMine.status).toBe(404);
    expect(notMine.body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await phone.get('/api/auth/get-session')).body.user.email).toBe(email);

    const self = await laptop.delete(`/api/account/sessions/${current.id}`);
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('CURRENT_SESSION');

    const revoked = await laptop.delete(`/api/account/sessions/${phoneSession.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ revoked: phoneSession.id });
    expect((await phone.get('/api/auth/get-session')).body).toBeNull();
    expect((await phone.get('/api/organizations')).status).toBe(401);
    expect(await db.select().from(session).where(eq(session.id, phoneSession.id))).toEqual([]);
    const again = await laptop.delete(`/api/account/sessions/${phoneSession.id}`);
    expect(again.status).toBe(404);
    expect((await laptop.get('/api/auth/get-session')).body.user.email).toBe(email);
  });

  it('revoke-other-sessions ends every other session and keeps this one', async () => {
    const email = uniqueEmail('others');
    const me = await signUpVerified(app, { name: 'Otto', email, password: 'ottos-password' });
    const phone = await signInFrom(email, 'ottos-password', SAFARI_IPHONE);
    expect((await me.post('/api/auth/revoke-other-sessions')).status).toBe(200);
    expect((await phone.get('/api/auth/get-session')).body).toBeNull();
    const left = (await me.get('/api/account/sessions')).body.sessions;
    expect(left).toHaveLength(1);
    expect(left[0].current).toBe(true);
  });

  it('needs a session', async () => {
    const anonymous = testClient(app);
    expect((await anonymous.get('/api/account/sessions')).status).toBe(401);
    expect((await anonymous.delete('/api/account/sessions/whatever')).status).toBe(401);
    expect((await anonymous.get('/api/account/deletion')).status).toBe(401);
  });
});
