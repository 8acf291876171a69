import { describe, expect, it } from 'vitest';
import { checkOrigin } from './origins';

const trusted = ['https://app.example.com', 'https://admin.example.com'];
const verdict = (headers: Record<string, string>) =>
  checkOrigin(new Headers(headers), trusted)?.reason ?? 'allowed';

describe('checkOrigin', () => {
  it.each([
    [{ origin: 'https://app.example.com' }, 'allowed'],
    [{ origin: 'https://admin.example.com', 'sec-fetch-site': 'same-site' }, 'allowed'],
    [{ origin: 'https://evil.example' }, 'untrusted-origin'],
    [{ origin: 'https://app.example.com.evil.example' }, 'untrusted-origin'],
    [{ origin: 'http://app.example.com' }, 'untrusted-origin'],
    [{ origin: 'https://app.example.com', 'sec-fetch-site': 'cross-site' }, 'cross-site'],
    [{ 'sec-fetch-site': 'cross-site' }, 'cross-site'],
    [{ referer: 'https://app.example.com/orgs/acme' }, 'allowed'],
    [{ referer: 'https://evil.example/https://app.example.com' }, 'untrusted-origin'],
    [{ referer: 'not a url' }, 'untrusted-origin'],
    [{ origin: 'https://evil.example', referer: 'https://app.example.com/' }, 'untrusted-origin'],
    [{ origin: 'null' }, 'opaque-origin'],
    [{ origin: 'null', 'sec-fetch-site': 'same-site' }, 'opaque-origin'],
    [{ origin: 'null', 'sec-fetch-site': 'same-origin' }, 'allowed'],
    [{}, 'allowed'],
    [{ cookie: 'session=abc' }, 'allowed'],
    [{ cookie: 'session=abc', 'sec-fetch-site': 'same-site' }, 'missing-origin'],
    [{ 'sec-fetch-site': 'same-site' }, 'missing-origin'],
    [{ 'sec-fetch-site': 'none' }, 'missing-origin'],
    [{ 'sec-fetch-site': 'same-origin' }, 'allowed'],
  ])('%o → %s', (headers, expected) => {
    expect(verdict(headers)).toBe(expected);
  });
});
