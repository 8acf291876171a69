import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { AppType } from '../app';

/**
 * The typed client (`hc<AppType>`) knows the declared routes: their inputs and, per status, their
 * response bodies. Checked by the type checker (`pnpm typecheck`); the test itself only runs.
 */
const client = hc<AppType>('http://localhost');
type Webhooks = (typeof client.api.organizations)[':orgId']['webhooks'];
type Organization = (typeof client.api.organizations)[':orgId'];

describe('the typed client', () => {
  it('infers response bodies from the declared routes', () => {
    expectTypeOf(client.api.health.$get).toBeFunction();
    type Listed = InferResponseType<Webhooks['$get'], 200>;
    expectTypeOf<Listed>().not.toBeAny();
    expectTypeOf<Listed>().not.toBeUnknown();
    expectTypeOf<Listed['webhooks'][number]['url']>().toEqualTypeOf<string>();
    expectTypeOf<Listed['webhooks'][number]['status']>().toEqualTypeOf<'enabled' | 'disabled'>();

    type Created = InferResponseType<Webhooks['$post'], 201>;
    expectTypeOf<Created['secret']>().toEqualTypeOf<string>();

    type Seats = InferResponseType<Organization['seats']['$get'], 200>;
    expectTypeOf<Seats['limit']>().toEqualTypeOf<number | null>();

    type Health = InferResponseType<typeof client.api.health.$get>;
    expectTypeOf<Health['status']>().toEqualTypeOf<'ok' | 'degraded'>();
  });

  it('infers request inputs', () => {
    type Create = InferRequestType<Webhooks['$post']>;
    expectTypeOf<Create['param']>().toEqualTypeOf<{ orgId: string }>();
    expectTypeOf<Create['json']['url']>().toEqualTypeOf<string>();
    type Members = InferRequestType<Organization['members']['$get']>;
    expectTypeOf<Members['query']>().not.toBeAny();
  });
});
