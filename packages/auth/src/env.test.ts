import { describe, expect, it } from 'vitest';
import { authEnv } from './env';

function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return fn();
  } finally {
    process.env = saved;
  }
}

describe('auth environment', () => {
  it('requires BETTER_AUTH_SECRET in production with a clear message', () => {
    withEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: undefined }, () => {
      expect(() => authEnv()).toThrow(/BETTER_AUTH_SECRET is required: must be set in production/);
    });
  });

  it('names every malformed variable at once', () => {
    withEnv(
      { APP_URL: 'not a url', AUTH_SIGNUP_MODE: 'closed', BETTER_AUTH_SECRET: 'short' },
      () => {
        let message = '';
        try {
          authEnv();
        } catch (error) {
          message = (error as Error).message;
        }
        expect(message).toMatch(/APP_URL/);
        expect(message).toMatch(/AUTH_SIGNUP_MODE/);
        expect(message).toMatch(/BETTER_AUTH_SECRET must be at least 32 characters/);
      },
    );
  });

  it('defaults to open sign-up on localhost:3000 with a generated secret outside production', () => {
    const env = withEnv(
      {
        NODE_ENV: 'test',
        APP_URL: undefined,
        AUTH_SIGNUP_MODE: undefined,
        BETTER_AUTH_SECRET: undefined,
      },
      authEnv,
    );
    expect(env).toMatchObject({
      appUrl: 'http://localhost:3000',
      signupMode: 'open',
      production: false,
    });
    expect(env.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('trusts APP_URL plus the TRUSTED_ORIGINS list, as origins', () => {
    const env = withEnv(
      {
        APP_URL: 'https://app.example.com/',
        TRUSTED_ORIGINS:
          ' https://admin.example.com , http://localhost:5173/,https://app.example.com',
      },
      authEnv,
    );
    expect(env.trustedOrigins).toEqual([
      'https://app.example.com',
      'https://admin.example.com',
      'http://localhost:5173',
    ]);
  });

  it('refuses a TRUSTED_ORIGINS entry that is not an exact http(s) origin', () => {
    for (const entry of [
      'https://example.com/app',
      'https://*.example.com',
      'example.com',
      'ftp://x.test',
    ]) {
      withEnv({ TRUSTED_ORIGINS: `https://ok.example.com,${entry}` }, () => {
        expect(() => authEnv()).toThrow(/TRUSTED_ORIGINS/);
        expect(() => authEnv()).toThrow(`"${entry}" is not an origin`);
      });
    }
  });
});
