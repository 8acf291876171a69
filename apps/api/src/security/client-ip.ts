import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import { parseEnv } from '@kit/database';
import type { Context } from 'hono';
import { z } from 'zod';

const schema = z.object({
  TRUSTED_PROXIES: z.coerce
    .number({ message: 'must be a whole number of proxy hops (0, 1, 2 …)' })
    .int()
    .min(0)
    .max(10)
    .default(0),
});

/**
 * How many reverse proxies stand between the internet and this server (each appending the
 * address it saw to X-Forwarded-For). 0, the default: the header is ignored.
 */
export function trustedProxyHops(): number {
  return parseEnv('@kit/api', schema).TRUSTED_PROXIES;
}

/** Requests without a socket (`app.request()` in tests) and unparseable addresses share this. */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The address rate limits are keyed by. Without trusted proxies it is the TCP peer, never a
 * header. With n trusted proxies it is the n-th address from the right of X-Forwarded-For
 * followed by the peer: the last address a proxy we trust saw, which a client cannot forge
 * (entries further left are whatever the client sent).
 */
export function clientIp(c: Context, hops = trustedProxyHops()): string {
  const peer = socketAddress(c);
  if (hops === 0) return normalizeIp(peer);
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer ?? ''];
  const candidate = chain[Math.max(0, chain.length - 1 - hops)];
  return normalizeIp(candidate && isIP(stripZone(candidate)) ? candidate : peer);
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

const stripZone = (address: string) => address.replace(/%.*$/, '');

/**
 * One key per client: IPv4-mapped IPv6 becomes IPv4, and IPv6 is cut to its /64 (one
 * subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function normalizeIp(address: string | undefined): string {
  if (!address) return UNKNOWN_CLIENT;
  const plain = stripZone(address.trim().toLowerCase());
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  const version = isIP(plain);
  if (version === 4) return plain;
  if (version !== 6) return UNKNOWN_CLIENT;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  // An embedded IPv4 tail (::1.2.3.4) is two groups; it never reaches the first four.
  const withoutV4 = address.replace(/(\d+\.\d+\.\d+\.\d+)$/, '0:0');
  const [head = '', tail] = withoutV4.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return (tail === undefined ? left : [...left, ...middle, ...right]).map((group) =>
    (Number.parseInt(group, 16) || 0).toString(16),
  );
}
