import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp, normalizeIp, UNKNOWN_CLIENT } from './client-ip';

async function seenAs(hops: number, socket: string | undefined, forwardedFor?: string) {
  const app = new Hono().get('/', (c) => c.text(clientIp(c, hops)));
  const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined;
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return (await app.request('/', { headers }, env)).text();
}

describe('clientIp', () => {
  it('uses the socket and ignores X-Forwarded-For without trusted proxies', async () => {
    expect(await seenAs(0, '198.51.100.1', '203.0.113.9')).toBe('198.51.100.1');
    expect(await seenAs(0, undefined, '203.0.113.9')).toBe(UNKNOWN_CLIENT);
  });

  it('takes the entry the nearest trusted proxy appended, never the ones a client can write', async () => {
    expect(await seenAs(1, '10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
    expect(await seenAs(1, '10.0.0.2', '6.6.6.6, 203.0.113.9')).toBe('203.0.113.9');
    expect(await seenAs(2, '10.0.0.2', '6.6.6.6, 203.0.113.9, 10.0.0.3')).toBe('203.0.113.9');
    // Fewer entries than hops: the leftmost address there is.
    expect(await seenAs(2, '10.0.0.2', '203.0.113.9')).toBe('203.0.113.9');
    // No header (a request that skipped the proxy) or garbage: the socket.
    expect(await seenAs(1, '10.0.0.2')).toBe('10.0.0.2');
    expect(await seenAs(1, '10.0.0.2', 'not-an-ip')).toBe('10.0.0.2');
  });
});

describe('normalizeIp', () => {
  it('maps IPv4-in-IPv6 to IPv4 and cuts IPv6 to its /64', () => {
    expect(normalizeIp('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(normalizeIp('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('2001:0DB8:0001:0002:ffff:0:0:b')).toBe('2001:db8:1:2::/64');
    expect(normalizeIp('::1')).toBe('0:0:0:0::/64');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(normalizeIp('garbage')).toBe(UNKNOWN_CLIENT);
    expect(normalizeIp(undefined)).toBe(UNKNOWN_CLIENT);
  });
});
