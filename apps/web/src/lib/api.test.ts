import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, hasErrorCode, NETWORK_ERROR, parseApiError } from './api';

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
