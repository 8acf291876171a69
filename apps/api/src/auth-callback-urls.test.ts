import { db, user } from '@kit/database';
import { drainOutbox, listMailbox } from '@kit/email';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { latestEmail, signUpVerified, testClient } from './testing/client';

const { app } = createTestKit();

const foreign = ['https://evil.example/welcome', '//evil.example/welcome', '/\\evil.example'];

describe('callback URLs after sign-up, verification and reset stay on trusted origins', () => {
  it('refuses a foreign callbackURL on sign-up and creates no account', async () => {
    for (const [n, callbackURL] of foreign.entries()) {
      const email = `foreign${n}@example.com`;
      const response = await testClient(app).post('/api/auth/sign-up/email', {
        name: 'Mallory',
        email,
        password: 'mallory-password',
        callbackURL,
      });
      expect(response.status, callbackURL).toBe(403);
      expect(response.body.error.code).toBe('INVALID_CALLBACK_URL');
      expect(await db.select().from(user).where(eq(user.email, email))).toEqual([]);
    }
  });

  it('refuses a verification link whose callbackURL was swapped for a foreign one', async () => {
    const browser = testClient(app);
    await browser.post('/api/auth/sign-up/email', {
      name: 'Vera',
      email: 'vera@example.com',
      password: 'veras-password',
      callbackURL: '/dashboard',
    });
    const email = await latestEmail('vera@example.com', /confirm/i);
    const link = new URL(email.links.find((l) => l.includes('/verify-email'))!);
    link.searchParams.set('callbackURL', 'https://evil.example/');
    const verify = await browser.open(link.toString());
    expect(verify.status).toBe(403);
    expect(verify.headers.get('location')).toBeNull();
    const [row] = await db.select().from(user).where(eq(user.email, 'vera@example.com'));
    expect(row?.emailVerified).toBe(false);

    const resend = await browser.post('/api/auth/send-verification-email', {
      email: 'vera@example.com',
      callbackURL: 'https://evil.example/',
    });
    expect(resend.status).toBe(403);
    expect(resend.body.error.code).toBe('INVALID_CALLBACK_URL');
  });

  it('refuses a foreign reset redirect and sends no email', async () => {
    await signUpVerified(app, {
      name: 'Rita',
      email: 'rita@example.com',
      password: 'ritas-password',
    });
    await drainOutbox();
    const before = await listMailbox({ to: 'rita@example.com' });
    const response = await testClient(app).post('/api/auth/request-password-reset', {
      email: 'rita@example.com',
      redirectTo: 'https://evil.example/reset-password',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('INVALID_REDIRECT_URL');
    await drainOutbox();
    expect(await listMailbox({ to: 'rita@example.com' })).toHaveLength(before.length);

    const landing = await testClient(app).get(
      '/api/auth/reset-password/some-token?callbackURL=https%3A%2F%2Fevil.example%2F',
    );
    expect(landing.status).toBe(403);
    expect(landing.headers.get('location')).toBeNull();
  });
});
