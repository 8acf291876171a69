import { describe, expect, it } from 'vitest';
import { formatWindow, parseDuration, parseRule } from './rule';

describe('rules', () => {
  it('reads "max/window" with s, m, h and d', () => {
    expect(parseRule('10/15m')).toEqual({ max: 10, windowMs: 900_000 });
    expect(parseRule(' 3 / 1h ')).toEqual({ max: 3, windowMs: 3_600_000 });
    expect(parseRule('500/1d')).toEqual({ max: 500, windowMs: 86_400_000 });
    expect(parseRule('5/30s')).toEqual({ max: 5, windowMs: 30_000 });
  });

  it('refuses malformed, zero and unit-less rules', () => {
    for (const text of ['', '10', '10/', '/1h', '0/1h', '10/0m', '10/15', '10 per hour', '-1/1h'])
      expect(parseRule(text), text).toBeUndefined();
  });

  it('reads durations, including zero', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('60')).toBeUndefined();
  });

  it('names windows in words', () => {
    expect(formatWindow(3_600_000)).toBe('hour');
    expect(formatWindow(900_000)).toBe('15 min');
    expect(formatWindow(86_400_000)).toBe('day');
    expect(formatWindow(2 * 86_400_000)).toBe('2 days');
    expect(formatWindow(30_000)).toBe('30 s');
  });
});
