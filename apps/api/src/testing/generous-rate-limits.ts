/**
 * Vitest setup file for suites that are not about rate limits: limits so high that no test
 * reaches them, and no resend cooldown. Rate-limit tests pass their own limits
 * (testing/rate-limits.ts); variables already set win.
 */
import { RATE_LIMIT_DEFAULTS } from '../security/rate-limits';

for (const name of Object.keys(RATE_LIMIT_DEFAULTS)) process.env[name] ??= '1000000/1h';
process.env.RATE_LIMIT_INVITATION_RESEND_COOLDOWN ??= '0s';
