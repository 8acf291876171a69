/**
 * Keyboard navigation for a vertical menu of `count` items: returns the index to focus for `key`,
 * or null when the key does not move focus. Arrow keys wrap around.
 */
export function moveIndex(current: number, key: string, count: number): number | null {
  if (count <= 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 || current >= count - 1 ? 0 : current + 1;
    case 'ArrowUp':
      return current <= 0 || current > count - 1 ? count - 1 : current - 1;
    case 'Home':
    case 'PageUp':
      return 0;
    case 'End':
    case 'PageDown':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Type-ahead: the first item after `current` (wrapping) whose label starts with `query`,
 * case-insensitively; -1 when none matches. A query of one repeated letter cycles through matches.
 */
export function typeaheadIndex(labels: readonly string[], current: number, query: string): number {
  const q = query.toLocaleLowerCase();
  if (!q || labels.length === 0) return -1;
  const repeated = Array.from(q).every((c) => c === q[0]);
  const needle = repeated ? q[0]! : q;
  // A fresh single letter moves past the current item; a longer query may keep matching it.
  const startOffset = repeated ? 1 : 0;
  for (let i = 0; i < labels.length; i++) {
    const index = (Math.max(current, 0) + startOffset + i) % labels.length;
    if (labels[index]!.trim().toLocaleLowerCase().startsWith(needle)) return index;
  }
  return -1;
}
