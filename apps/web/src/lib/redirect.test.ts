import { describe, expect, it } from 'vitest';
import { safeRedirect, signInPath, withQuery } from './redirect';

describe('safeRedirect', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeRedirect('/dashboard')).toBe('/dashboard');
    expect(safeRedirect('/orgs/acme/settings?tab=members#invites')).toBe(
      '/orgs/acme/settings?tab=members#invites',
    );
  });

  it('falls back for missing or external targets', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'dashboard',
      'javascript:alert(1)',
      '/\tevil',
    ]) {
      expect(safeRedirect(bad), String(bad)).toBe('/dashboard');
    }
  });

  it('refuses API and account pages, which would loop or leave the app', () => {
    expect(safeRedirect('/api/auth/sign-out')).toBe('/dashboard');
    expect(safeRedirect('/sign-in?redirectTo=/x')).toBe('/dashboard');
    expect(safeRedirect('/reset-password?token=abc', '/')).toBe('/');
    expect(safeRedirect('/sign-ins')).toBe('/sign-ins');
  });
});

describe('signInPath', () => {
  it('adds redirectTo only when it is not the default', () => {
    expect(signInPath('/dashboard')).toBe('/sign-in');
    expect(signInPath()).toBe('/sign-in');
    expect(signInPath('/orgs/acme?tab=1')).toBe('/sign-in?redirectTo=%2Forgs%2Facme%3Ftab%3D1');
    expect(signInPath('https://evil.example')).toBe('/sign-in');
  });
});

describe('withQuery', () => {
  it('skips empty values and encodes the rest', () => {
    expect(withQuery('/verify-email', { email: 'a+b@example.com', error: null })).toBe(
      '/verify-email?email=a%2Bb%40example.com',
    );
    expect(withQuery('/dev/mailbox', {})).toBe('/dev/mailbox');
  });
});
