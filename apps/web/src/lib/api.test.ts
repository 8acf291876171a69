import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  api,
  ApiError,
  errorMessage,
  hasErrorCode,
  isApiError,
  NETWORK_ERROR,
  parseApiError,
} from './api';

describe('parseApiError', () => {
  it('reads the API error envelope', () => {
    const error = parseApiError(403, {
      error: {
        code: 'EMAIL_NOT_VERIFIED',
        message: 'Verify your email first.',
        remediation: 'Open the link we sent you.',
        details: { email: 'a@b.co' },
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      status: 403,
      code: 'EMAIL_NOT_VERIFIED',
      message: 'Verify your email first.',
      remediation: 'Open the link we sent you.',
      details: { email: 'a@b.co' },
    });
  });

  it('accepts a bare {code, message} body', () => {
    expect(
      parseApiError(401, {
        code: 'INVALID_EMAIL_OR_PASSWORD',
        message: 'Invalid email or password',
      }),
    ).toMatchObject({
      status: 401,
      code: 'INVALID_EMAIL_OR_PASSWORD',
      message: 'Invalid email or password',
    });
  });

  it('falls back to an HTTP code and a readable message', () => {
    const error = parseApiError(502, undefined);
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toMatch(/on our side/);
    expect(error.remediation).toBeUndefined();
    expect(parseApiError(429, { error: { code: 'RATE_LIMITED' } }).message).toMatch(/Too many/);
  });

  it('uses a short plain-text body as the message but never an HTML page', () => {
    expect(parseApiError(400, 'Bad thing').message).toBe('Bad thing');
    expect(parseApiError(500, '<!doctype html><h1>Oops</h1>').message).toMatch(/on our side/);
  });

  it('maps status 0 to a network error', () => {
    expect(parseApiError(0, undefined)).toMatchObject({ code: NETWORK_ERROR });
  });
});

describe('api()', () => {
  afterEach(() => vi.unstubAllGlobals());

  const stubFetch = (response: Response | Error) => {
    const fetchMock = vi.fn((_path: string, _init?: RequestInit) =>
      response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
    );
    vi.stubGlobal('fetch', fetchMock);
    return fetchMock;
  };

  it('sends JSON with credentials and returns the parsed body', async () => {
    const fetchMock = stubFetch(Response.json({ user: { id: 'u1' } }));
    const data = await api<{ user: { id: string } }>('/api/auth/sign-up/email', {
      body: { name: 'Ada' },
    });
    expect(data.user.id).toBe('u1');
    const [path, init] = fetchMock.mock.calls[0]!;
    if (!init) throw new Error('fetch was called without options');
    expect(path).toBe('/api/auth/sign-up/email');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(init.body).toBe('{"name":"Ada"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('uses GET without a body and resolves null for a null body', async () => {
    const fetchMock = stubFetch(
      new Response('null', { headers: { 'content-type': 'application/json' } }),
    );
    await expect(api('/api/auth/get-session')).resolves.toBeNull();
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.method).toBe('GET');
    expect(init.body).toBeUndefined();
  });

  it('resolves undefined for an empty 2xx body', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(api('/api/x', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('throws ApiError for a non-2xx answer', async () => {
    stubFetch(
      Response.json(
        { error: { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' } },
        { status: 401 },
      ),
    );
    const error = await api('/api/auth/sign-in/email', { body: {} }).catch((e: unknown) => e);
    expect(isApiError(error, 'INVALID_EMAIL_OR_PASSWORD')).toBe(true);
    expect(error).toMatchObject({ status: 401, message: 'Invalid email or password' });
  });

  it('throws a NETWORK_ERROR ApiError when the server cannot be reached', async () => {
    stubFetch(new TypeError('fetch failed'));
    await expect(api('/api/health')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('rethrows aborts as they are', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('Aborted', 'AbortError');
    stubFetch(abort);
    await expect(api('/api/health', { signal: controller.signal })).rejects.toBe(abort);
  });
});

describe('error helpers', () => {
  it('matches code prefixes', () => {
    const error = parseApiError(422, {
      error: { code: 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', message: 'x' },
    });
    expect(hasErrorCode(error, 'USER_ALREADY_EXISTS')).toBe(true);
    expect(hasErrorCode(new Error('x'), 'USER_ALREADY_EXISTS')).toBe(false);
  });

  it('gives a message for anything thrown', () => {
    expect(errorMessage(parseApiError(400, { error: { code: 'X', message: 'Nope' } }))).toBe(
      'Nope',
    );
    expect(errorMessage(new Error('internal detail'))).toMatch(/on our side/);
  });

  it('rewords terse auth messages and drops validation prefixes', () => {
    const wrong = parseApiError(401, {
      error: { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' },
    });
    expect(errorMessage(wrong)).toMatch(/don't match/);
    const invalid = parseApiError(400, {
      error: { code: 'VALIDATION_ERROR', message: '[body.email] invalid email address' },
    });
    expect(errorMessage(invalid)).toBe('Invalid email address');
  });

  it('says how long to wait after a 429, in words', () => {
    const limited = parseApiError(429, {
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many sign-in attempts. Try again in 843 s.',
        details: { retryAfter: 843 },
      },
    });
    expect(errorMessage(limited)).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    const soon = parseApiError(429, {
      error: { code: 'RATE_LIMITED', message: 'Slow down.', details: { retryAfter: 5 } },
    });
    expect(errorMessage(soon)).toBe('Slow down. Try again in 5 seconds.');
    expect(errorMessage(parseApiError(429, undefined))).toMatch(/wait a moment/);
  });
});
