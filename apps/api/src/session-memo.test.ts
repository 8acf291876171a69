import { describe, expect, it } from 'vitest';
import { createTestKit } from './testing/kit';
import { signUpVerified, testClient } from './testing/client';
import { createSessionMemo, SESSION_MEMO_MS } from './session-memo';

const { app } = createTestKit();

describe('remembered sessions', () => {
  it('stop working at once when another session revokes them', async () => {
    const email = 'memo@example.test';
    const first = await signUpVerified(app, { name: 'Memo', email });
    const second = testClient(app);
    const signIn = await second.post('/api/auth/sign-in/email', {
      email,
      password: 'correct-horse-battery',
    });
    expect(signIn.status).toBe(200);
    // Both sessions are verified once, and so remembered.
    expect((await first.get('/api/organizations')).status).toBe(200);
    expect((await second.get('/api/organizations')).status).toBe(200);

    expect((await first.post('/api/auth/revoke-other-sessions')).status).toBe(200);
    const revoked = await second.get('/api/organizations');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHORIZED');
    expect((await first.get('/api/organizations')).status).toBe(200);
  });

  it('keys by the session cookie only, and forgets after the time limit', () => {
    let now = 0;
    const memo = createSessionMemo(() => now);
    const key = memo.key('theme=dark; better-auth.session_token=abc.sig; other=1')!;
    expect(key).toBe('better-auth.session_token=abc.sig');
    expect(memo.key('theme=dark')).toBeUndefined();
    memo.set(key, { userId: 'u', name: 'U', email: 'u@example.test' });
    expect(memo.get(key)?.userId).toBe('u');
    now += SESSION_MEMO_MS;
    expect(memo.get(key)).toBeUndefined();
  });
});
