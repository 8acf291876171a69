import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { isApiError, NETWORK_ERROR } from './api';
import type { AccountSession } from './account';
import { client, params, read } from './client';
import type { AppConfig } from './config';
import type { Member, Organization } from './organizations';
import type { Webhook } from './webhooks';

afterEach(() => vi.unstubAllGlobals());

const stubFetch = (response: Response | Error) => {
  const fetchMock = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
};

describe('the typed API client', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = stubFetch(
      Response.json({ id: 'o1', name: 'Acme', slug: 'acme', role: 'owner' }, { status: 201 }),
    );
    const request = { json: { name: 'Acme' } };
    const data = await read(client.organizations.$post(request));
    expect(data).toMatchObject({ id: 'o1', slug: 'acme' });
    const [input, init] = fetchMock.mock.calls[0]!;
    expect(String(input)).toBe('/api/organizations');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('include');
    expect(init?.body).toBe('{"name":"Acme"}');
    const headers = new Headers(init?.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('accept')).toBe('application/json');
  });

  it('puts encoded path parameters and the query into the URL', async () => {
    const fetchMock = stubFetch(Response.json({ members: [], total: 0, limit: 10, offset: 0 }));
    const request = { param: params({ orgId: 'a/b c' }), query: { limit: '10' } };
    await read(client.organizations[':orgId'].members.$get(request));
    expect(String(fetchMock.mock.calls[0]![0])).toBe(
      '/api/organizations/a%2Fb%20c/members?limit=10',
    );
    expect(fetchMock.mock.calls[0]![1]?.method).toBe('GET');
  });

  it('resolves null for an empty 2xx answer', async () => {
    stubFetch(new Response(null, { status: 204 }));
    await expect(
      read(client.organizations[':orgId'].$delete({ param: { orgId: 'o1' } })),
    ).resolves.toBeNull();
  });

  it('turns an error answer into ApiError with its code and message', async () => {
    stubFetch(
      Response.json(
        {
          error: {
            code: 'SEAT_LIMIT_REACHED',
            message: 'All 5 seats are taken.',
            remediation: 'Upgrade the plan.',
            details: { limit: 5 },
          },
        },
        { status: 409 },
      ),
    );
    const error = await read(
      client.organizations[':orgId'].seats.$get({ param: { orgId: 'o1' } }),
    ).catch((e: unknown) => e);
    expect(isApiError(error, 'SEAT_LIMIT_REACHED')).toBe(true);
    expect(error).toMatchObject({
      status: 409,
      message: 'All 5 seats are taken.',
      remediation: 'Upgrade the plan.',
      details: { limit: 5 },
    });
  });

  it('gives an error without a body a readable message', async () => {
    stubFetch(new Response('<!doctype html><h1>Bad gateway</h1>', { status: 502 }));
    await expect(read(client.config.$get())).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
      message: expect.stringMatching(/on our side/),
    });
  });

  it('throws a NETWORK_ERROR ApiError when the server cannot be reached', async () => {
    stubFetch(new TypeError('fetch failed'));
    await expect(read(client.health.$get())).rejects.toMatchObject({
      status: 0,
      code: NETWORK_ERROR,
    });
  });

  it('rethrows aborts as they are', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('Aborted', 'AbortError');
    stubFetch(abort);
    await expect(
      read(client.health.$get(undefined, { init: { signal: controller.signal } })),
    ).rejects.toBe(abort);
  });

  it('infers the answers from the routes', () => {
    expectTypeOf<Organization>().not.toBeAny();
    expectTypeOf<Organization['slug']>().toEqualTypeOf<string>();
    expectTypeOf<Member>().toHaveProperty('email').toEqualTypeOf<string>();
    expectTypeOf<AppConfig>().not.toBeAny();
    expectTypeOf<AppConfig>().toHaveProperty('productName').toEqualTypeOf<string>();
    expectTypeOf<Webhook['status']>().toEqualTypeOf<'enabled' | 'disabled'>();
    expectTypeOf<AccountSession['current']>().toEqualTypeOf<boolean>();
    // Not called: only its type is looked at.
    const listOrganizations = () => read(client.organizations.$get());
    expectTypeOf(listOrganizations).returns.resolves.not.toBeAny();
    expectTypeOf(listOrganizations)
      .returns.resolves.toHaveProperty('organizations')
      .toEqualTypeOf<Organization[]>();
  });
});
