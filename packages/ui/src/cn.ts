export type ClassDictionary = Record<string, boolean | null | undefined>;
export type ClassValue =
  string | number | bigint | boolean | null | undefined | ClassDictionary | ClassValue[];

/**
 * Joins class names, skipping falsy values. Accepts strings, arrays and `{ 'class': condition }` objects.
 * It does not resolve conflicting Tailwind utilities: pass a className that adds to a component's
 * classes rather than one that fights them.
 */
export function cn(...inputs: ClassValue[]): string {
  const out: string[] = [];
  const visit = (value: ClassValue): void => {
    if (value === null || value === undefined || value === false || value === true || value === '')
      return;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed) out.push(trimmed);
    } else if (typeof value === 'number' || typeof value === 'bigint') {
      if (value) out.push(String(value));
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else {
      for (const [key, enabled] of Object.entries(value)) if (enabled) out.push(key);
    }
  };
  for (const input of inputs) visit(input);
  return out.join(' ');
}

/** The keyboard focus ring shared by every interactive element. */
export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';
