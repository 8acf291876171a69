/** At most `max` hits per `windowMs` for one key. */
export interface RateLimitRule {
  max: number;
  windowMs: number;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+)\s*(s|m|h|d)$/;
const RULE = /^(\d+)\s*\/\s*(\d+\s*[smhd])$/;

/** "30s", "15m", "1h", "1d" → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  return match ? Number(match[1]) * UNITS[match[2]!]! : undefined;
}

/** "10/15m" (10 hits per 15 minutes) → a rule; undefined when malformed or zero. */
export function parseRule(text: string): RateLimitRule | undefined {
  const match = RULE.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const max = Number(match[1]);
  const windowMs = parseDuration(match[2]!);
  if (!windowMs || max < 1 || !Number.isSafeInteger(max)) return undefined;
  return { max, windowMs };
}

/** 900000 → "15 min": the window in words for messages. */
export function formatWindow(ms: number): string {
  if (ms % UNITS.d! === 0) return ms === UNITS.d ? 'day' : `${ms / UNITS.d!} days`;
  if (ms % UNITS.h! === 0) return ms === UNITS.h ? 'hour' : `${ms / UNITS.h!} hours`;
  if (ms % UNITS.m! === 0) return ms === UNITS.m ? 'minute' : `${ms / UNITS.m!} min`;
  return `${Math.ceil(ms / 1000)} s`;
}
