import { db, user } from '@kit/database';
import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { testClient } from './testing/client';

const { app, auth } = createTestKit({ auth: { signupMode: 'invite-only' } });

describe('AUTH_SIGNUP_MODE=invite-only', () => {
  it('refuses public sign-up over HTTP with SIGNUP_DISABLED and creates nothing', async () => {
    const response = await testClient(app).post('/api/auth/sign-up/email', {
      name: 'Eve',
      email: 'eve@example.com',
      password: 'let-me-in-please',
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      error: { code: 'SIGNUP_DISABLED', message: expect.stringMatching(/invitation/i) },
    });
    expect(await db.select().from(user)).toEqual([]);
  });

  it('refuses server-side sign-up calls too', async () => {
    await expect(
      auth.api.signUpEmail({
        body: { name: 'Eve', email: 'eve2@example.com', password: 'let-me-in-please' },
      }),
    ).rejects.toMatchObject({ body: { code: 'SIGNUP_DISABLED' } });
    expect(await db.select().from(user)).toEqual([]);
  });

  it('tells the web app sign-up is closed', async () => {
    const response = await testClient(app).get('/api/config');
    expect(response.body.signupMode).toBe('invite-only');
  });
});
