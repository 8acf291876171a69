/* eslint-disable @typescript-eslint/no-explicit-any -- tests read response bodies field by field */
import { drainOutbox, listMailbox } from '@kit/email';

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A cookie-keeping client over `app.request()`: one instance is one browser.
 */
export function testClient(app: Fetchable, origin = 'http://localhost:3000') {
  const jar = new Map<string, string>();

  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  function remember(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    init: RequestInit = {},
  ): Promise<TestResponse<T>> {
    const headers = new Headers(init.headers);
    headers.set('origin', origin);
    if (jar.size) headers.set('cookie', cookieHeader());
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      headers.set('content-type', 'application/json');
      payload = JSON.stringify(body);
    }
    const response = await app.request(new URL(path, origin).toString(), {
      ...init,
      method,
      headers,
      body: payload,
    });
    remember(response.headers);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  return {
    get: <T = any>(path: string, init?: RequestInit) => request<T>('GET', path, undefined, init),
    post: <T = any>(path: string, body?: unknown, init?: RequestInit) =>
      request<T>('POST', path, body ?? {}, init),
    patch: <T = any>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
    delete: <T = any>(path: string, body?: unknown) => request<T>('DELETE', path, body),
    request,
    cookies: jar,
    /** Follows a link from an email the way a browser would (no redirect following). */
    open: (url: string) => request('GET', new URL(url).pathname + new URL(url).search),
  };
}

export type TestClient = ReturnType<typeof testClient>;

/** The newest mailbox message to `to` whose subject matches. */
/** The newest mailbox message to `to` whose subject matches, after delivering the outbox. */
export async function latestEmail(to: string, subject?: RegExp) {
  // Another caller's drain may hold the message for a moment (SKIP LOCKED): look a few times.
  for (let attempt = 0; attempt < 20; attempt++) {
    await drainOutbox();
    const messages = await listMailbox({ to });
    const found = messages.find((m) => !subject || subject.test(m.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25 * (attempt + 1)));
  }
  throw new Error(`No email to ${to}${subject ? ` matching ${subject}` : ''}`);
}

/** Signs up, follows the verification link, and returns a signed-in client. */
export async function signUpVerified(
  app: Fetchable,
  user: { name: string; email: string; password?: string },
) {
  const client = testClient(app);
  const password = user.password ?? 'correct-horse-battery';
  const signUp = await client.post('/api/auth/sign-up/email', {
    ...user,
    password,
    callbackURL: '/dashboard',
  });
  if (signUp.status !== 200)
    throw new Error(`sign-up failed: ${signUp.status} ${JSON.stringify(signUp.body)}`);
  const email = await latestEmail(user.email, /confirm/i);
  const link = email.links.find((l) => l.includes('/verify-email'));
  if (!link) throw new Error('no verification link');
  await client.open(link);
  return client;
}
