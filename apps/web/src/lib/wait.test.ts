import { describe, expect, it } from 'vitest';
import { formatWait } from './wait';

describe('formatWait', () => {
  it('says a wait in the largest sensible unit, rounded up', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(42)).toBe('42 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(899)).toBe('15 minutes');
    expect(formatWait(3600)).toBe('1 hour');
    expect(formatWait(5400)).toBe('2 hours');
    expect(formatWait(0)).toBe('1 second');
  });
});
