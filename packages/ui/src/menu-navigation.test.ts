import { describe, expect, it } from 'vitest';
import { moveIndex, typeaheadIndex } from './menu-navigation';

describe('moveIndex', () => {
  it('moves down and up with wrap-around', () => {
    expect(moveIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(moveIndex(2, 'ArrowDown', 3)).toBe(0);
    expect(moveIndex(0, 'ArrowUp', 3)).toBe(2);
    expect(moveIndex(2, 'ArrowUp', 3)).toBe(1);
  });

  it('starts from the ends when nothing is focused', () => {
    expect(moveIndex(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveIndex(-1, 'ArrowUp', 3)).toBe(2);
  });

  it('jumps with Home and End and ignores other keys', () => {
    expect(moveIndex(1, 'Home', 3)).toBe(0);
    expect(moveIndex(1, 'End', 3)).toBe(2);
    expect(moveIndex(1, 'Enter', 3)).toBeNull();
    expect(moveIndex(0, 'ArrowDown', 0)).toBeNull();
  });
});

describe('typeaheadIndex', () => {
  const labels = ['Profile', 'Settings', 'Security', 'Sign out'];

  it('finds the next item starting with a letter, wrapping', () => {
    expect(typeaheadIndex(labels, 0, 's')).toBe(1);
    expect(typeaheadIndex(labels, 1, 's')).toBe(2);
    expect(typeaheadIndex(labels, 3, 's')).toBe(1);
    expect(typeaheadIndex(labels, 3, 'P')).toBe(0);
  });

  it('matches a longer prefix, including the current item', () => {
    expect(typeaheadIndex(labels, 0, 'sig')).toBe(3);
    expect(typeaheadIndex(labels, 2, 'sec')).toBe(2);
  });

  it('cycles through matches when the same letter is repeated', () => {
    expect(typeaheadIndex(labels, 1, 'ss')).toBe(2);
  });

  it('returns -1 when nothing matches', () => {
    expect(typeaheadIndex(labels, 0, 'z')).toBe(-1);
    expect(typeaheadIndex([], 0, 'a')).toBe(-1);
    expect(typeaheadIndex(labels, 0, '')).toBe(-1);
  });
});
