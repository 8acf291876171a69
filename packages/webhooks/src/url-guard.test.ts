import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPublicDestination, isPublicAddress, parseWebhookUrl } from './url-guard';

/** A resolver that answers every name with the given addresses. */
const resolvingTo =
  (...addresses: string[]): LookupFunction =>
  (_host, _options, callback) =>
    (callback as (error: null, addresses: { address: string; family: number }[]) => void)(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('isPublicAddress', () => {
  it.each([
    '10.0.0.1',
    '172.16.4.2',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fc00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('parseWebhookUrl', () => {
  it('takes an https URL', () => {
    expect(parseWebhookUrl('https://hooks.example.com/kit', false).hostname).toBe(
      'hooks.example.com',
    );
  });

  it.each([
    ['http://hooks.example.com/kit', /https/],
    ['https://user:secret@hooks.example.com/', /user name or password/],
    ['hooks.example.com', /full URL/],
    [`https://example.com/${'a'.repeat(2000)}`, /longer than/],
  ])('refuses %s', (raw, message) => {
    expect(() => parseWebhookUrl(raw, false)).toThrow(message);
  });

  it('takes http only when private URLs are allowed', () => {
    expect(parseWebhookUrl('http://127.0.0.1:8080/hook', true).port).toBe('8080');
  });
});

describe('assertPublicDestination', () => {
  const url = new URL('https://hooks.example.com/kit');

  it('accepts a name that resolves only to public addresses', async () => {
    await expect(
      assertPublicDestination(url, {
        allowPrivateUrls: false,
        lookup: resolvingTo('93.184.216.34'),
      }),
    ).resolves.toBeUndefined();
  });

  it('refuses a name when any address it resolves to is private', async () => {
    await expect(
      assertPublicDestination(url, {
        allowPrivateUrls: false,
        lookup: resolvingTo('93.184.216.34', '10.1.2.3'),
      }),
    ).rejects.toMatchObject({ code: 'INVALID_WEBHOOK_URL' });
  });

  it('refuses a literal private address without resolving it', async () => {
    await expect(
      assertPublicDestination(new URL('https://[::1]/hook'), { allowPrivateUrls: false }),
    ).rejects.toMatchObject({ code: 'INVALID_WEBHOOK_URL' });
  });

  it('lets anything through when private URLs are allowed', async () => {
    await expect(
      assertPublicDestination(new URL('http://127.0.0.1/hook'), { allowPrivateUrls: true }),
    ).resolves.toBeUndefined();
  });
});
