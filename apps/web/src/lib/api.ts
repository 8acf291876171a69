import { formatWait } from './wait';

/** The error every API call throws for a non-2xx answer (or when the server cannot be reached). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly remediation?: string;
  readonly details?: unknown;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    remediation?: string;
    details?: unknown;
  }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    if (init.remediation !== undefined) this.remediation = init.remediation;
    if (init.details !== undefined) this.details = init.details;
  }
}

export const NETWORK_ERROR = 'NETWORK_ERROR';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

/** A readable message when the server sent none. */
export function defaultMessage(status: number): string {
  if (status === 0) return "Can't reach the server. Check your connection and try again.";
  if (status === 401) return 'Please sign in to continue.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return "We couldn't find what you were looking for.";
  if (status === 429) return 'Too many attempts. Please wait a moment and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
  return 'The request could not be completed. Please try again.';
}

/**
 * Builds an ApiError from a response status and its (already parsed) body. The API's shape is
 * `{"error":{"code","message","remediation"?,"details"?}}`; a bare `{code, message}` is accepted too.
 */
export function parseApiError(status: number, body: unknown): ApiError {
  const source = isRecord(body) ? (isRecord(body.error) ? body.error : body) : {};
  const code = nonEmptyString(source.code) ?? (status === 0 ? NETWORK_ERROR : `HTTP_${status}`);
  const message =
    nonEmptyString(source.message) ??
    (typeof body === 'string' &&
    body.trim() &&
    body.length < 300 &&
    !body.trimStart().startsWith('<')
      ? body.trim()
      : defaultMessage(status));
  return new ApiError({
    status,
    code,
    message,
    remediation: nonEmptyString(source.remediation),
    details: source.details,
  });
}

/** Reads a response body: parsed JSON, the text for anything else, null when it is empty. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json') || /^\s*[[{"]|^\s*null\s*$/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * `fetch` for the same-origin API, as the typed client (./client.ts) calls it: JSON is asked for
 * and the session cookie sent. Resolves with a 2xx response; throws ApiError for any other
 * status and for a network failure (status 0, code NETWORK_ERROR). An abort is rethrown as it is.
 */
export async function apiFetch(
  input: RequestInfo | URL,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: 'include' });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw parseApiError(0, undefined);
  }
  if (!response.ok) {
    const body = await readBody(response).catch(() => undefined);
    throw parseApiError(response.status, body);
  }
  return response;
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** True for an ApiError whose code is `prefix` or starts with `prefix` (e.g. USER_ALREADY_EXISTS_…). */
export function hasErrorCode(error: unknown, prefix: string): error is ApiError {
  return error instanceof ApiError && error.code.startsWith(prefix);
}

/** The wait a 429 asked for (`details.retryAfter`, in seconds), if any. */
export function retryAfterSeconds(error: ApiError): number | undefined {
  const value = isRecord(error.details) ? error.details.retryAfter : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Friendlier wording for the terse messages some auth errors carry. */
const FRIENDLY_MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match. Check them and try again.",
  PASSWORD_TOO_SHORT: 'Use at least 8 characters.',
  PASSWORD_TOO_LONG: 'Use 128 characters or fewer.',
  INVALID_TOKEN: 'This link is invalid or has expired.',
};

/**
 * A message to show a person for any thrown value: known codes get friendly wording, and a
 * validation prefix such as "[body.email] " is dropped.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return defaultMessage(500);
  const wait = retryAfterSeconds(error);
  if (error.code === 'RATE_LIMITED' && wait !== undefined) {
    const reason =
      error.message.replace(/\s*Try again in \d+ s\.\s*$/i, '').trim() || 'Too many attempts.';
    return `${reason} Try again in ${formatWait(wait)}.`;
  }
  const friendly = FRIENDLY_MESSAGES[error.code];
  if (friendly) return friendly;
  const text = error.message.replace(/^\[[\w.[\]-]+\]\s*/, '').trim();
  if (!text) return defaultMessage(error.status);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
