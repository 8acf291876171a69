/* eslint-disable @typescript-eslint/no-explicit-any -- tests read response bodies field by field */
import type { TestClient, TestResponse } from './client';

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** Creates an API key for `orgId` as `creator` (an owner or admin in a session). */
export async function createKey(
  creator: TestClient,
  orgId: string,
  body: { name?: string; scopes?: string[]; expiresInDays?: number } = {},
): Promise<{ id: string; secret: string; body: any }> {
  const response = await creator.post(`/api/organizations/${orgId}/api-keys`, {
    name: body.name ?? 'Provisioning',
    scopes: body.scopes ?? [
      'invitations:read',
      'invitations:write',
      'members:read',
      'members:write',
    ],
    ...(body.expiresInDays ? { expiresInDays: body.expiresInDays } : {}),
  });
  if (response.status !== 201)
    throw new Error(`key not created: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.apiKey.id, secret: response.body.secret, body: response.body };
}

/**
 * A caller holding only an API key, like a script: `Authorization: Bearer <secret>`, no cookie,
 * no Origin header.
 */
export function keyClient(app: Fetchable, secret: string) {
  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse<T>> {
    const all = new Headers({ authorization: `Bearer ${secret}`, ...headers });
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      all.set('content-type', 'application/json');
      payload = JSON.stringify(body);
    }
    const response = await app.request(new URL(path, 'http://localhost:3000').toString(), {
      method,
      headers: all,
      body: payload,
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
  return {
    get: <T = any>(path: string) => request<T>('GET', path),
    post: <T = any>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
    patch: <T = any>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    delete: <T = any>(path: string) => request<T>('DELETE', path),
    request,
  };
}

export type KeyClient = ReturnType<typeof keyClient>;
