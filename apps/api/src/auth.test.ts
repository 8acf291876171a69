import { db, user } from '@kit/database';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, testClient } from './testing/client';

const { app } = createTestKit();

describe('sign-up, email verification and sign-in', () => {
  it('sends a verification email whose link verifies the account and signs the user in', async () => {
    const browser = testClient(app);
    const signUp = await browser.post('/api/auth/sign-up/email', {
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      password: 'analytical-engine',
      callbackURL: '/dashboard',
    });
    expect(signUp.status).toBe(200);
    expect(signUp.body.user).toMatchObject({ email: 'ada@example.com', emailVerified: false });

    // Unverified accounts cannot sign in yet.
    const early = await browser.post('/api/auth/sign-in/email', {
      email: 'ada@example.com',
      password: 'analytical-engine',
    });
    expect(early.status).toBe(403);
    expect(early.body).toEqual({
      error: { code: 'EMAIL_NOT_VERIFIED', message: expect.any(String) },
    });

    const email = await latestEmail('ada@example.com');
    expect(email.subject).toMatch(/confirm your email/i);
    expect(email.text).toContain('Ada Lovelace');
    const link = email.links.find((l) => l.includes('/api/auth/verify-email?token='));
    expect(link).toMatch(/^http:\/\/localhost:3000\/api\/auth\/verify-email\?token=.+callbackURL=/);

    const verify = await browser.open(link!);
    expect(verify.status).toBe(302);
    expect(verify.headers.get('location')).toBe('/dashboard');

    const session = await browser.get('/api/auth/get-session');
    expect(session.body.user).toMatchObject({
      email: 'ada@example.com',
      emailVerified: true,
      name: 'Ada Lovelace',
    });
    const [row] = await db.select().from(user).where(eq(user.email, 'ada@example.com'));
    expect(row?.emailVerified).toBe(true);
  });

  it('signs in with the right password only, and signs out', async () => {
    await signUpVerified(app, {
      name: 'Grace',
      email: 'grace@example.com',
      password: 'compiler-2024',
    });
    const browser = testClient(app);
    const wrong = await browser.post('/api/auth/sign-in/email', {
      email: 'grace@example.com',
      password: 'nope-nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('INVALID_EMAIL_OR_PASSWORD');

    const ok = await browser.post('/api/auth/sign-in/email', {
      email: 'grace@example.com',
      password: 'compiler-2024',
    });
    expect(ok.status).toBe(200);
    expect((await browser.get('/api/auth/get-session')).body.user.email).toBe('grace@example.com');

    expect((await browser.post('/api/auth/sign-out')).status).toBe(200);
    expect((await browser.get('/api/auth/get-session')).body).toBeNull();
  });

  it('does not reveal or overwrite an existing account, and refuses a short password', async () => {
    await signUpVerified(app, {
      name: 'Linus',
      email: 'linus@example.com',
      password: 'original-password',
    });
    const browser = testClient(app);
    // Answering like a fresh sign-up keeps the endpoint from telling which emails have accounts.
    const duplicate = await browser.post('/api/auth/sign-up/email', {
      name: 'L',
      email: 'linus@example.com',
      password: 'another-password',
    });
    expect(duplicate.status).toBe(200);
    expect(await db.select().from(user).where(eq(user.email, 'linus@example.com'))).toHaveLength(1);
    const takeover = await browser.post('/api/auth/sign-in/email', {
      email: 'linus@example.com',
      password: 'another-password',
    });
    expect(takeover.status).toBe(401);
    const short = await browser.post('/api/auth/sign-up/email', {
      name: 'S',
      email: 'short@example.com',
      password: 'abc',
    });
    expect(short.status).toBe(400);
    expect(short.body.error).toEqual({ code: 'PASSWORD_TOO_SHORT', message: expect.any(String) });
    expect(await db.select().from(user).where(eq(user.email, 'short@example.com'))).toEqual([]);
  });
});

describe('password reset', () => {
  it('emails a reset link that sets a new password and ends old sessions', async () => {
    const oldBrowser = await signUpVerified(app, {
      name: 'Alan',
      email: 'alan@example.com',
      password: 'enigma-machine',
    });
    const browser = testClient(app);
    const request = await browser.post('/api/auth/request-password-reset', {
      email: 'alan@example.com',
      redirectTo: 'http://localhost:3000/reset-password',
    });
    expect(request.status).toBe(200);

    const email = await latestEmail('alan@example.com', /reset/i);
    const link = email.links.find((l) => l.includes('/api/auth/reset-password/'));
    expect(link).toBeDefined();
    const landing = await browser.open(link!);
    expect(landing.status).toBe(302);
    const location = new URL(landing.headers.get('location')!);
    expect(location.pathname).toBe('/reset-password');
    const token = location.searchParams.get('token');
    expect(token).toBeTruthy();

    const reset = await browser.post('/api/auth/reset-password', {
      token,
      newPassword: 'bombe-breaks-it',
    });
    expect(reset.status).toBe(200);
    expect((await oldBrowser.get('/api/auth/get-session')).body).toBeNull();
    const signIn = await browser.post('/api/auth/sign-in/email', {
      email: 'alan@example.com',
      password: 'bombe-breaks-it',
    });
    expect(signIn.status).toBe(200);

    const reused = await browser.post('/api/auth/reset-password', {
      token,
      newPassword: 'third-password',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('INVALID_TOKEN');
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const response = await testClient(app).post('/api/auth/request-password-reset', {
      email: 'nobody@example.com',
      redirectTo: 'http://localhost:3000/reset-password',
    });
    expect(response.status).toBe(200);
    await expect(latestEmail('nobody@example.com')).rejects.toThrow(/No email/);
  });
});
