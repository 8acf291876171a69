import { afterEach, describe, expect, it, vi } from 'vitest';
import { isApiError } from './api';
import { authClient, unwrap } from './auth-client';

afterEach(() => vi.unstubAllGlobals());

describe("better-auth's client", () => {
  it('calls /api/auth with the session cookie and returns the answer', async () => {
    const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
      Promise.resolve(
        Response.json({ redirect: false, token: null, user: { id: 'u1', email: 'a@b.co' } }),
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const data = await unwrap(authClient.signIn.email({ email: 'a@b.co', password: 'secret-pw' }));
    expect(data?.user).toMatchObject({ id: 'u1', email: 'a@b.co' });
    const [input, init] = fetchMock.mock.calls[0]!;
    expect(String(input)).toMatch(/\/api\/auth\/sign-in\/email$/);
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('include');
  });

  it('throws ApiError with the code and message of an error answer', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(
        Response.json(
          { error: { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' } },
          { status: 401 },
        ),
      ),
    );
    const error = await unwrap(
      authClient.signIn.email({ email: 'a@b.co', password: 'wrong-password' }),
    ).catch((e: unknown) => e);
    expect(isApiError(error, 'INVALID_EMAIL_OR_PASSWORD')).toBe(true);
    expect(error).toMatchObject({ status: 401, message: 'Invalid email or password' });
  });
});
