import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { removeSessionTokens } from './routes/session-token-filter';
import { signUpVerified, testClient, type TestClient } from './testing/client';

const { app } = createTestKit();

/** The raw session token, as the HttpOnly cookie holds it (`<token>.<signature>`). */
function cookieToken(client: TestClient): string {
  const entry = [...client.cookies].find(([name]) => name.endsWith('session_token'));
  if (!entry) throw new Error('no session cookie');
  const token = decodeURIComponent(entry[1]).split('.')[0]!;
  expect(token.length).toBeGreaterThan(16);
  return token;
}

function expectNoToken(body: unknown, token: string) {
  expect(JSON.stringify(body)).not.toContain(token);
  expect(JSON.stringify(body)).not.toMatch(/"token"/);
}

describe('session tokens stay in the cookie', () => {
  it('are absent from sign-up, sign-in, get-session, list-sessions and change-password', async () => {
    const signUp = await testClient(app).post('/api/auth/sign-up/email', {
      name: 'Tess',
      email: 'tess@example.com',
      password: 'first-password-1',
      callbackURL: '/dashboard',
    });
    expect(signUp.status).toBe(200);
    expect(signUp.body.user.email).toBe('tess@example.com');
    expect(signUp.body).not.toHaveProperty('token');

    await signUpVerified(app, { name: 'Sam', email: 'sam@example.com', password: 'sams-password' });
    const browser = testClient(app);
    const signIn = await browser.post('/api/auth/sign-in/email', {
      email: 'sam@example.com',
      password: 'sams-password',
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.email).toBe('sam@example.com');
    const token = cookieToken(browser);
    expectNoToken(signIn.body, token);

    const current = await browser.get('/api/auth/get-session');
    expect(current.body.session.id).toEqual(expect.any(String));
    expectNoToken(current.body, token);

    const sessions = await browser.get('/api/auth/list-sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body.length).toBeGreaterThanOrEqual(2);
    for (const session of sessions.body) expect(session.id).toEqual(expect.any(String));
    expectNoToken(sessions.body, token);

    const changed = await browser.post('/api/auth/change-password', {
      currentPassword: 'sams-password',
      newPassword: 'sams-new-password',
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.email).toBe('sam@example.com');
    const renewed = cookieToken(browser);
    expect(renewed).not.toBe(token);
    expectNoToken(changed.body, renewed);
    // The cookie alone still carries the session.
    expect((await browser.get('/api/auth/get-session')).body.user.email).toBe('sam@example.com');
  });

  it('are absent however the path is spelled, or no session is made', async () => {
    await signUpVerified(app, { name: 'Kim', email: 'kim@example.com', password: 'kims-password' });
    const credentials = { email: 'kim@example.com', password: 'kims-password' };
    for (const path of ['/api/auth/sign-in/email?next=1', '/api/auth/./sign-in/email']) {
      const browser = testClient(app);
      const response = await browser.post(path, credentials);
      expect(response.status, path).toBe(200);
      expectNoToken(response.body, cookieToken(browser));
    }
    for (const path of ['/api/auth/sign-in/email/', '/api/auth//sign-in/email']) {
      const browser = testClient(app);
      expect((await browser.post(path, credentials)).status, path).toBe(404);
      expect(browser.cookies.size, path).toBe(0);
    }
  });
});

describe('removeSessionTokens', () => {
  it('removes the token at the top, in the session and in every listed session', () => {
    expect(removeSessionTokens({ redirect: false, token: 't', user: { id: 'u' } })).toEqual({
      redirect: false,
      user: { id: 'u' },
    });
    expect(removeSessionTokens({ session: { id: 's', token: 't' }, user: { id: 'u' } })).toEqual({
      session: { id: 's' },
      user: { id: 'u' },
    });
    expect(
      removeSessionTokens([
        { id: 'a', token: 't1' },
        { id: 'b', token: 't2' },
      ]),
    ).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(removeSessionTokens(null)).toBeNull();
  });
});
