/** Why a state-changing request was refused; `undefined` means it may proceed. */
export type OriginRefusal =
  | { reason: 'cross-site'; message: string }
  | { reason: 'untrusted-origin'; origin: string; message: string }
  | { reason: 'opaque-origin'; message: string }
  | { reason: 'missing-origin'; message: string };

/** The origin (scheme, host, port) of a URL, or undefined if it is not an http(s) URL. */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
}

/**
 * Decides whether a state-changing request comes from a trusted origin, from its headers alone.
 *
 * - `Sec-Fetch-Site: cross-site` is refused outright: only a browser sets it, and it means a page
 *   on another site made the request. Trusted origins must therefore be same-site with APP_URL
 *   (other ports or subdomains); the session cookie is SameSite=Lax, so a cross-site origin
 *   could not use a session anyway.
 * - Otherwise `Origin`, or without it the origin of `Referer`, must be a trusted origin.
 * - `Origin: null` is opaque (a sandboxed frame, a data: URL, a redirect) and refused, except
 *   with `Sec-Fetch-Site: same-origin`: under `Referrer-Policy: no-referrer` browsers send
 *   `Origin: null` on the app's own POSTs, and the fetch metadata says it is the app itself.
 * - Neither header: a modern browser always sends `Origin` on a cross-origin POST, PATCH or
 *   DELETE, and `Sec-Fetch-Site` on every request. With no `Sec-Fetch-Site` either, this is a
 *   non-browser client (the CLI, a server script, curl, a test's request context) and it may
 *   proceed, cookie or not: a script holding a session cookie holds the credential already.
 *   With fetch metadata but no origin (`same-site`, `none`) it is a browser that hid where the
 *   request came from, and it is refused. What is left — a browser from before 2019 sending
 *   neither header — is covered by the session cookie being SameSite=Lax (not sent cross-site).
 *   better-auth is stricter on its own routes: a cookie without an origin gets
 *   MISSING_OR_NULL_ORIGIN there.
 */
export function checkOrigin(
  headers: Headers,
  trustedOrigins: readonly string[],
): OriginRefusal | undefined {
  const site = headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (site === 'cross-site')
    return { reason: 'cross-site', message: 'A page on another site may not send this request.' };

  const origin = headers.get('origin')?.trim();
  if (origin === 'null') {
    return site === 'same-origin'
      ? undefined
      : { reason: 'opaque-origin', message: 'A request with an opaque origin (null) is refused.' };
  }
  const referer = headers.get('referer')?.trim();
  const claimed = origin || (referer ? (originOf(referer) ?? referer) : undefined);
  if (claimed !== undefined) {
    return trustedOrigins.includes(claimed.toLowerCase().replace(/\/$/, ''))
      ? undefined
      : {
          reason: 'untrusted-origin',
          origin: claimed.slice(0, 200),
          message: `Requests from ${claimed.slice(0, 200)} are not allowed to change anything here.`,
        };
  }
  if (site !== undefined && site !== 'same-origin') {
    return {
      reason: 'missing-origin',
      message: 'A browser request must say where it comes from (Origin header).',
    };
  }
  return undefined;
}
