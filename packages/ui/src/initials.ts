/** First grapheme-ish character (code point) of a word, upper-cased in the user's locale. */
function firstChar(word: string): string {
  const [first = ''] = Array.from(word);
  return first.toLocaleUpperCase();
}

/**
 * Up to two initials for an avatar: first and last word of the name ("Ada Lovelace" → "AL"),
 * else the first letter of the e-mail's local part, else "?".
 */
export function initials(name?: string | null, email?: string | null): string {
  const words = (name ?? '')
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^['-]+/, ''))
    .filter(Boolean);
  if (words.length === 1) return firstChar(words[0]!);
  if (words.length > 1) return firstChar(words[0]!) + firstChar(words[words.length - 1]!);

  const local = (email ?? '').split('@')[0]?.replace(/[^\p{L}\p{N}]/gu, '') ?? '';
  if (local) return firstChar(local);
  return '?';
}

const AVATAR_COLORS = [
  'bg-brand-100 text-brand-800',
  'bg-emerald-100 text-emerald-800',
  'bg-amber-100 text-amber-800',
  'bg-rose-100 text-rose-800',
  'bg-sky-100 text-sky-800',
  'bg-violet-100 text-violet-800',
  'bg-teal-100 text-teal-800',
  'bg-orange-100 text-orange-800',
] as const;

/** A stable colour pair for a seed (user id or e-mail), so a person keeps the same avatar colour. */
export function avatarColor(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return AVATAR_COLORS[Math.abs(hash) % AVATAR_COLORS.length]!;
}
