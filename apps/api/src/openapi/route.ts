/**
 * One declaration per route: its request (params, query, body) and responses as zod schemas,
 * validated at the edge and published in the OpenAPI document (GET /api/openapi.json).
 *
 *   import { defineRoute, json, jsonBody, router } from '../openapi/route';
 *
 *   const getThing = defineRoute({
 *     method: 'get',
 *     path: '/{orgId}/things/{thingId}',        // OpenAPI path form, relative to the mount point
 *     tags: ['Things'],
 *     summary: 'One thing',
 *     request: { params: thingParams, query: thingQuery },   // body: jsonBody(schema)
 *     responses: { 200: json(thingResponse, 'The thing') }, // 204: noContent('Deleted')
 *     errors: { 404: ['THING_NOT_FOUND'] },      // the codes this route answers with, by status
 *   });
 *
 *   export const thingRoutes = () =>
 *     router<SessionEnv>().openapi(getThing, async (c) => {
 *       const { orgId, thingId } = c.req.valid('param');
 *       return c.json(await loadThing(orgId, thingId), 200);
 *     });
 *
 * Mount the router with `.route(prefix, thingRoutes())` in app.ts: the route joins the route
 * table and the document together, under its full path. Bad input answers 400
 * VALIDATION_ERROR (or the code a route's `invalid` mapper picks), an unparsable JSON body 400
 * INVALID_JSON, both in the error body every route shares: `{ error: { code, message,
 * remediation?, details? } }`. Handlers answer with `c.json(body, status)`, so the typed
 * client (`hc<AppType>`) knows each response.
 */
import { createRoute, OpenAPIHono, z, type Hook, type RouteConfig } from '@hono/zod-openapi';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { AppError } from '../errors';

/** The body of every error response. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ description: 'Stable machine-readable code.' }),
      message: z.string().openapi({ description: 'Human-readable explanation.' }),
      remediation: z.string().optional().openapi({ description: 'What the caller can do.' }),
      details: z.unknown().optional().openapi({ description: 'Code-specific details.' }),
    }),
  })
  .openapi('Error');

/** Error codes a route answers with, by HTTP status. */
export type RouteErrors = Partial<
  Record<
    400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503,
    readonly string[]
  >
>;

/** Where a refused input was found. */
export type InputTarget = 'param' | 'query' | 'json' | 'form' | 'header' | 'cookie';

/** Picks a route-specific code and message for refused input; undefined keeps the default. */
export type InvalidInputMapper = (
  error: ZodError,
  input: unknown,
  target: InputTarget,
) => { code: string; message: string; details?: unknown } | undefined;

type RouteSpec = RouteConfig & {
  errors?: RouteErrors;
  /** This route's own answer to refused input (else the router's, else VALIDATION_ERROR). */
  invalid?: InvalidInputMapper;
};

const ROUTE_INVALID_INPUT = 'openapi:invalidInput';

/** A JSON response of `schema`. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A response without a body (204). */
export const noContent = (description: string) => ({ description });

/**
 * A JSON request body of `schema`. An empty body reads as `{}` and is validated like one;
 * `required: false` documents a body the caller may leave out.
 */
export const jsonBody = <S extends z.ZodType>(
  schema: S,
  options: { required?: boolean; description?: string } = {},
) => ({
  // Validated whether sent or not (an empty body is `{}`), so required at the edge.
  required: true as const,
  description:
    (options.description ?? '') +
    (options.required === false ? ' The body may be left out (reads as {}).' : ''),
  content: { 'application/json': { schema } },
});

const isJson = (contentType: string | undefined) =>
  /^application\/([a-z.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');

/**
 * Reads a JSON body once, before the validators: unparsable JSON answers 400 INVALID_JSON and
 * an empty body reads as `{}`.
 */
export const prepareJsonBody: MiddlewareHandler = async (c, next) => {
  if (isJson(c.req.header('content-type'))) {
    const text = await c.req.text();
    // Hono's body cache holds promises; the validators read the JSON through it.
    if (!text.trim()) (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
    else {
      try {
        JSON.parse(text);
      } catch {
        throw new AppError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
      }
    }
  }
  await next();
};

const statusDescriptions: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable',
  429: 'Too many requests',
  500: 'Server error',
  502: 'Upstream failure',
  503: 'Unavailable',
};

/**
 * A route declaration: zod-openapi's route config plus `errors`, the codes the route answers
 * with by status. Every route that takes input may also answer 400 VALIDATION_ERROR, a JSON
 * body 400 INVALID_JSON; they are added here. The codes appear in the document as each error
 * response's `x-error-codes` and the operation's `x-error-codes` (code → status).
 */
export function defineRoute<const R extends RouteSpec>(spec: R): Omit<R, 'errors' | 'invalid'> {
  const { errors = {}, invalid, ...route } = spec;
  const byStatus = new Map<number, Set<string>>();
  const add = (status: number, code: string) => {
    if (!byStatus.has(status)) byStatus.set(status, new Set());
    byStatus.get(status)!.add(code);
  };
  const request = route.request;
  if (request?.params || request?.query || request?.body) add(400, 'VALIDATION_ERROR');
  if (request?.body) add(400, 'INVALID_JSON');
  for (const [status, codes] of Object.entries(errors)) {
    for (const code of codes ?? []) add(Number(status), code);
  }
  const responses: RouteConfig['responses'] = { ...route.responses };
  const operationCodes: Record<string, number> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const list = [...codes];
    for (const code of list) operationCodes[code] = status;
    responses[status] = {
      description: `${statusDescriptions[status] ?? 'Error'}: ${list.join(', ')}`,
      content: {
        'application/json': {
          schema: errorBodySchema,
          examples: Object.fromEntries(
            list.map((code) => [code, { value: { error: { code, message: '…' } } }]),
          ),
        },
      },
      'x-error-codes': list,
    } as RouteConfig['responses'][string];
  }
  // Runs before the validators: the route's own middleware after the JSON body is read.
  const middleware: MiddlewareHandler[] = [];
  if (invalid) {
    middleware.push(async (c, next) => {
      c.set(ROUTE_INVALID_INPUT as never, invalid as never);
      await next();
    });
  }
  if (request?.body) middleware.push(prepareJsonBody);
  if (route.middleware) middleware.push(...([route.middleware].flat() as MiddlewareHandler[]));
  const config = createRoute({
    ...route,
    responses,
    'x-error-codes': operationCodes,
    ...(middleware.length ? { middleware } : {}),
  } as unknown as R);
  return config as unknown as Omit<R, 'errors' | 'invalid'>;
}

/** The default answer to refused input: 400 VALIDATION_ERROR naming the first problem. */
export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return new AppError(400, 'VALIDATION_ERROR', `${where}${issue?.message ?? 'Invalid request'}`, {
    details: { issues: error.issues.map((i) => ({ path: i.path, message: i.message })) },
  });
}

type HookResult = {
  target: string;
  data?: unknown;
} & ({ success: true } | { success: false; error: ZodError });

/** A validation hook for `router()` or one route (`.openapi(route, handler, hook)`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fits every route's input
export function invalidInput(mapper?: InvalidInputMapper): Hook<any, any, any, any> {
  return (result: HookResult, c: Context): undefined => {
    if (result.success) return undefined;
    const own = c.get(ROUTE_INVALID_INPUT as never) as InvalidInputMapper | undefined;
    const mapped = (own ?? mapper)?.(result.error, result.data, result.target as InputTarget);
    if (mapped) {
      throw new AppError(400, mapped.code, mapped.message, {
        ...(mapped.details === undefined ? {} : { details: mapped.details }),
      });
    }
    throw validationError(result.error);
  };
}

/** A router whose routes are declared with `defineRoute` and added with `.openapi()`. */
export const router = <E extends Env = Env>(options: { invalid?: InvalidInputMapper } = {}) =>
  new OpenAPIHono<E>({ defaultHook: invalidInput(options.invalid) });
