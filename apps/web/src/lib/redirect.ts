export const DEFAULT_AFTER_SIGN_IN = '/dashboard';

const BASE = 'http://app.invalid';

/** Browsers read `\` as `/` and silently drop tabs and newlines inside a URL. */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * The path `value` leads to on this origin, or null when it could leave it. The path is also
 * decoded (repeatedly) and resolved again, since a later reader may decode it once more:
 * `/%2F%2Fevil`, `/%5Cevil` or `/.%2F/evil` must not turn into `//evil` then.
 */
function sameOriginPath(value: string): { url: URL; decodedPath: string } | null {
  let candidate = value;
  let first: URL | null = null;
  for (let round = 0; round < 4; round++) {
    if (!candidate.startsWith('/') || UNSAFE.test(candidate)) return null;
    let url: URL;
    try {
      url = new URL(candidate, BASE);
    } catch {
      return null;
    }
    if (url.origin !== BASE || url.pathname.startsWith('//')) return null;
    first ??= url;
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      return null;
    }
    if (decoded === url.pathname || decoded === candidate)
      return { url: first, decodedPath: decoded };
    candidate = decoded;
  }
  return null;
}

/**
 * A same-origin path to go to after signing in, or `fallback`. Rejects absolute and
 * protocol-relative URLs in every spelling (open redirects), API paths and the account pages.
 */
export function safeRedirect(
  to: string | null | undefined,
  fallback = DEFAULT_AFTER_SIGN_IN,
): string {
  if (!to || typeof to !== 'string') return fallback;
  const target = sameOriginPath(to.trim());
  if (!target) return fallback;
  const { url, decodedPath } = target;
  const blocked = [
    '/api',
    '/sign-in',
    '/sign-up',
    '/forgot-password',
    '/reset-password',
    '/verify-email',
  ];
  if (blocked.some((p) => decodedPath === p || decodedPath.startsWith(`${p}/`))) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The sign-in URL that returns to `returnTo` afterwards (omitted when it is the default). */
export function signInPath(returnTo?: string | null): string {
  const target = safeRedirect(returnTo);
  return target === DEFAULT_AFTER_SIGN_IN
    ? '/sign-in'
    : `/sign-in?redirectTo=${encodeURIComponent(target)}`;
}

/** Builds a path with query parameters, skipping empty values. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
