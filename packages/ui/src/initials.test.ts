import { describe, expect, it } from 'vitest';
import { avatarColor, initials } from './initials';

describe('initials', () => {
  it('uses the first and last word of a name', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('ada  king   lovelace')).toBe('AL');
  });

  it('uses one letter for a single-word name', () => {
    expect(initials('Grace')).toBe('G');
  });

  it('ignores punctuation and handles accents and non-Latin scripts', () => {
    expect(initials('  Émile (Zola) ')).toBe('ÉZ');
    expect(initials("O'Brien, Conan")).toBe('OC');
    expect(initials('山田 太郎')).toBe('山太');
  });

  it('falls back to the e-mail local part, then to "?"', () => {
    expect(initials('', 'grace@example.com')).toBe('G');
    expect(initials(null, '.x@example.com')).toBe('X');
    expect(initials('  ', null)).toBe('?');
    expect(initials()).toBe('?');
  });
});

describe('avatarColor', () => {
  it('is stable for a seed and varies across seeds', () => {
    expect(avatarColor('ada@example.com')).toBe(avatarColor('ada@example.com'));
    const colours = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(avatarColor));
    expect(colours.size).toBeGreaterThan(1);
    expect(avatarColor('')).toMatch(/^bg-/);
  });
});
