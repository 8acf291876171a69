/**
 * Limits for the free-form metadata on an invitation. The check walks the value with an explicit
 * stack, so a value nested thousands of levels deep is refused instead of overflowing the call
 * stack (JSON.stringify, the database driver); only a value within the limits is serialized.
 */
export const METADATA_LIMITS = {
  /** Serialized JSON, in UTF-8 bytes. */
  bytes: 8_192,
  /** Levels of objects and arrays; the metadata object itself is level 1. */
  depth: 5,
  /** Object keys and array items, counted over the whole value. */
  entries: 200,
  keyLength: 100,
} as const;

// Keys that mean something to JavaScript objects: a policy or a fork reading metadata with them
// could reach the prototype.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// PostgreSQL's jsonb refuses \u0000 and unpaired surrogate escapes.
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/** Why `value` is not acceptable metadata, or null when it is. */
export function metadataProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'Metadata must be a JSON object.';
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  let entries = 0;
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return 'Metadata text must not contain NUL or invalid Unicode.';
      continue;
    }
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'Metadata numbers must be finite.';
      continue;
    }
    if (current === null || typeof current === 'boolean') continue;
    const isArray = Array.isArray(current);
    if (!isArray && !isPlainObject(current))
      return 'Metadata may hold only text, numbers, booleans, null, lists and objects.';
    if (depth > METADATA_LIMITS.depth)
      return `Metadata may be nested at most ${METADATA_LIMITS.depth} levels deep.`;
    const keys = Object.keys(current);
    entries += keys.length;
    if (entries > METADATA_LIMITS.entries)
      return `Metadata may hold at most ${METADATA_LIMITS.entries} keys and items in all.`;
    for (const key of keys) {
      if (!isArray) {
        if (RESERVED_KEYS.has(key)) return `Metadata must not use the key "${key}".`;
        if (key.length > METADATA_LIMITS.keyLength)
          return `Metadata keys must be at most ${METADATA_LIMITS.keyLength} characters.`;
        if (UNSTORABLE.test(key)) return 'Metadata keys must not contain NUL or invalid Unicode.';
      }
      stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1 });
    }
  }
  if (Buffer.byteLength(JSON.stringify(value)) > METADATA_LIMITS.bytes)
    return `Metadata must be at most ${METADATA_LIMITS.bytes / 1024} KB.`;
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
