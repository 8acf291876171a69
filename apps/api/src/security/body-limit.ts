import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors';
import { mayHaveBody } from './body-presence';
import { bodyRuleFor, type SecurityConfig } from './config';

export const PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE';

/**
 * Caps every request body before anything parses it: the route's limit from the security
 * config (64 KB by default, 10 MB for the bulk import), else 413 PAYLOAD_TOO_LARGE. hono's
 * bodyLimit trusts Content-Length when present and counts streamed (chunked) bodies as they
 * arrive, so an oversized body is refused without being buffered whole.
 */
export function bodyLimits(config: SecurityConfig) {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxBytes: number) => {
    let limiter = limiters.get(maxBytes);
    if (!limiter) {
      limiter = bodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw new AppError(
            413,
            PAYLOAD_TOO_LARGE,
            `The request body may be at most ${formatBytes(maxBytes)}.`,
            { details: { maxBytes } },
          );
        },
      });
      limiters.set(maxBytes, limiter);
    }
    return limiter;
  };
  return createMiddleware(async (c, next) => {
    if (!mayHaveBody(c)) return next();
    const { maxBytes } = bodyRuleFor(config, c.req.method, c.req.path);
    return limiterFor(maxBytes)(c, next);
  });
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
