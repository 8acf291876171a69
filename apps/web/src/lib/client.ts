import type { AppType, DevMailboxType } from '@kit/api/app';
import { hc, type ClientResponse, type InferRequestType } from 'hono/client';
import { apiFetch, readBody } from './api';

/**
 * The API, typed from its own route table (`AppType` from apps/api/src/app.ts; a type-only
 * import, so no server code reaches the bundle). Every call sends the session cookie and throws
 * ApiError for a non-2xx answer (./api.ts); `read()` gives the typed body of the answer:
 *
 *   const { organizations } = await read(client.organizations.$get());
 *
 * Response types come from the routes too: `InferResponseType<typeof client.organizations.$get>`.
 *
 * Arguments with a body or a query are built in a variable first (`const request = { param,
 * json }`): a route that reads its body or query without declaring it in the route table still
 * gets them (TypeScript checks extra properties on object literals only), and where the route
 * declares them, the variable is checked against the declaration. Path parameters go through
 * `params()`, which encodes them.
 */
export const client = hc<AppType>('/', { fetch: apiFetch }).api;

/** The development mailbox, which the API mounts only when it stores e-mail instead of sending it. */
export const mailboxClient = hc<DevMailboxType>('/api/dev/mailbox', { fetch: apiFetch });

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226;

/** The body of a call's successful answer, as the route returns it. */
export type Data<R> =
  R extends ClientResponse<infer O, infer S, infer _F>
    ? S extends SuccessStatus
      ? O
      : never
    : never;

/** The typed body of a call's answer (null when the answer has none, e.g. a 204). */
export async function read<R extends ClientResponse<unknown, number, never>>(
  call: Promise<R>,
): Promise<Data<R>> {
  return (await readBody((await call) as unknown as Response)) as Data<R>;
}

/**
 * The JSON body a route declares, or `Fallback` for a route that reads its body without declaring
 * it in the route table (the body is then checked by the API when it arrives).
 */
export type JsonBody<F, Fallback> = InferRequestType<F> extends { json: infer J } ? J : Fallback;

/** The query a route declares, or `Fallback` (see JsonBody). */
export type QueryOf<F, Fallback> = InferRequestType<F> extends { query: infer Q } ? Q : Fallback;

/** Path parameters, encoded: the client puts them into the URL as they are given. */
export function params<P extends Record<string, string>>(values: P): P {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, encodeURIComponent(value)]),
  ) as P;
}
