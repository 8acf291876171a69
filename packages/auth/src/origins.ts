/**
 * The origins allowed to send state-changing requests: the app's own (from its URL) first, then
 * the configured extras, without repeats. better-auth and the API's origin check both use it.
 */
export function allowedOrigins(appUrl: string, extra: readonly string[] = []): string[] {
  return [...new Set([new URL(appUrl).origin, ...extra])];
}
