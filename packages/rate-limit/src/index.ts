export {
  chargedOutside,
  chargeSql,
  countHits,
  refusalAfterRollback,
  enforceRateLimits,
  RateLimitedError,
  sweepExpiredRateLimits,
  type RateLimitCount,
  type RateLimitHit,
} from './limiter';
export { formatWindow, parseDuration, parseRule, type RateLimitRule } from './rule';
