import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  error: { code: string; message: string; remediation?: string; details?: unknown };
}

/** An error a caller may see: a stable code, a human message, the HTTP status to answer with. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: { remediation?: string; details?: unknown } = {},
    /** Sent with the error response, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function errorBody(code: string, message: string, extra: AppError['extra'] = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

/** Lets a domain package's typed errors become HTTP errors without the API knowing each class. */
export type ErrorMapper = (err: Error) => AppError | undefined;

/** Turns errors into responses; nothing internal (stack, SQL) reaches the client. */
export function errorHandler(mappers: ErrorMapper[]) {
  return (err: Error, c: Context): Response => respondToError(err, c, mappers);
}

function respondToError(err: Error, c: Context, mappers: ErrorMapper[]): Response {
  const known = err instanceof AppError ? err : toAppError(err, mappers);
  if (known)
    return c.json(
      errorBody(known.code, known.message, clean(known.extra)),
      known.status,
      known.headers,
    );
  if (err instanceof HTTPException) {
    const status = err.status;
    return c.json(errorBody(codeForStatus(status), err.message || 'Request failed'), status);
  }
  console.error('[api] unhandled error', c.req.method, c.req.path, err);
  return c.json(
    errorBody('INTERNAL_ERROR', 'Something went wrong on our side. Please try again.'),
    500,
  );
}

function toAppError(err: Error, mappers: ErrorMapper[]): AppError | undefined {
  for (const mapper of mappers) {
    const mapped = mapper(err);
    if (mapped) return mapped;
  }
  return undefined;
}

export function notFound(c: Context): Response {
  return c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`), 404);
}

export function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    409: 'CONFLICT',
    410: 'GONE',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'UNPROCESSABLE_ENTITY',
    429: 'TOO_MANY_REQUESTS',
  };
  return codes[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

const clean = (extra: AppError['extra']) =>
  Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) as AppError['extra'];
