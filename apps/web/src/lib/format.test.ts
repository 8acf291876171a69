import { describe, expect, it } from 'vitest';
import { firstName, formatDate, formatDeadline, formatRelativeTime, greeting } from './format';

describe('formatRelativeTime', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('describes recent times', () => {
    expect(formatRelativeTime(ago(10), now, 'en')).toBe('just now');
    expect(formatRelativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(formatRelativeTime(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3600), now, 'en')).toBe('yesterday');
    expect(formatRelativeTime(ago(3 * 86400), now, 'en')).toBe('3 days ago');
  });

  it('shows a date for older times, with the year only when it differs', () => {
    expect(formatRelativeTime('2026-01-02T12:00:00Z', now, 'en')).toBe('Jan 2');
    expect(formatRelativeTime('2025-01-02T12:00:00Z', now, 'en')).toBe('Jan 2, 2025');
  });

  it('returns an empty string for invalid dates', () => {
    expect(formatRelativeTime('not a date', now)).toBe('');
    expect(formatDate('nope')).toBe('');
  });
});

describe('greeting', () => {
  it('depends on the hour', () => {
    expect(greeting(6)).toBe('Good morning');
    expect(greeting(12)).toBe('Good afternoon');
    expect(greeting(19)).toBe('Good evening');
    expect(greeting(2)).toBe('Good evening');
  });
});

describe('firstName', () => {
  it('takes the first word', () => {
    expect(firstName('  Ada King Lovelace ')).toBe('Ada');
    expect(firstName(null)).toBe('');
  });
});

describe('formatDeadline', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

  it('counts days up to a month ahead', () => {
    expect(formatDeadline(inDays(7), now, 'en')).toBe('in 7 days');
    expect(formatDeadline(inDays(1), now, 'en')).toBe('tomorrow');
    expect(formatDeadline(new Date(now.getTime() + 5 * 3600_000), now, 'en')).toBe('in 5 hours');
    expect(formatDeadline(inDays(60), now, 'en')).toBe('May 9');
  });

  it('reads past deadlines like other past times', () => {
    expect(formatDeadline(inDays(-3), now, 'en')).toBe('3 days ago');
  });
});
