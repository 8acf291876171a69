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

  it('refuses every spelling of an off-site target', () => {
    for (const bad of [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '\\\\evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/./..//evil.example',
      '/x/../..//evil.example',
      '/%2e%2e//evil.example',
      '/%2E%2E//evil.example',
      '/.%2e//evil.example',
      '/%2e//evil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/.%2F/evil.example',
      '/%2e%2e%2f%2fevil.example',
      '/%252F%252Fevil.example',
      '/%25252F%25252Fevil.example',
      '/%5Cevil.example',
      '/%5cevil.example',
      '/%255Cevil.example',
      '/\tevil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/%09/evil.example',
      '/%0a/evil.example',
      '/%00/evil.example',
      '  //evil.example',
      '\t//evil.example',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,hi',
      'https://evil.example',
      'https:evil.example',
      'http:/evil.example',
      '/%E0%A4%A',
    ]) {
      expect(safeRedirect(bad), JSON.stringify(bad)).toBe('/dashboard');
    }
  });

  it('keeps paths whose encoded characters stay on this site', () => {
    expect(safeRedirect('/orgs/caf%C3%A9')).toBe('/orgs/caf%C3%A9');
    expect(safeRedirect('/orgs/acme/../members')).toBe('/orgs/members');
    expect(safeRedirect('/orgs/acme?next=//evil.example')).toBe('/orgs/acme?next=//evil.example');
    expect(safeRedirect('/%61pi/auth/sign-out')).toBe('/dashboard');
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
