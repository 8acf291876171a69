import type { Hono } from 'hono';
import { rateLimitConfig, type RateLimits } from '../security/rate-limits';
import { createTestKit } from './kit';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** The configured limits with some replaced: the ones a test is about. */
export function testRateLimits(overrides: DeepPartial<RateLimits>): RateLimits {
  const base = rateLimitConfig();
  const merged = { ...base } as Record<string, unknown>;
  for (const [name, value] of Object.entries(overrides)) {
    const current = base[name as keyof RateLimits];
    merged[name] =
      typeof current === 'object' && !('max' in current) ? { ...current, ...value } : value;
  }
  return merged as unknown as RateLimits;
}

/** The API with `limits` instead of the configured ones. */
export function appWithRateLimits(limits: RateLimits) {
  return createTestKit({ rateLimits: limits }).app;
}

/**
 * `app.request()` as if the TCP connection came from `address`: what @hono/node-server passes
 * to the app for a real socket.
 */
export function fromAddress(
  target: { request: Hono['request'] },
  address: string,
): { request: (input: string, init?: RequestInit) => Response | Promise<Response> } {
  return {
    request: (input, init) =>
      target.request(input, init, { incoming: { socket: { remoteAddress: address } } }),
  };
}
