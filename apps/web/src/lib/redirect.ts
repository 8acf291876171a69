export const DEFAULT_AFTER_SIGN_IN = '/dashboard';

/**
 * A same-site path to go to after signing in, or `fallback`. Rejects absolute and protocol-relative
 * URLs (open redirects), API paths and the account pages themselves.
 */
export function safeRedirect(
  to: string | null | undefined,
  fallback = DEFAULT_AFTER_SIGN_IN,
): string {
  if (!to || typeof to !== 'string') return fallback;
  const target = to.trim();
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return fallback;
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, 'http://app.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'http://app.invalid') return fallback;
  const blocked = [
    '/api',
    '/sign-in',
    '/sign-up',
    '/forgot-password',
    '/reset-password',
    '/verify-email',
  ];
  if (blocked.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) return fallback;
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
