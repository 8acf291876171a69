import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKit } from '../testing/kit';
import type { TestClient } from '../testing/client';
import {
  invitationToken,
  joinAs,
  organizationSnapshot,
  ownerWithOrg,
  sessionHeaders,
  uniqueEmail,
  unlimitedSeats,
} from '../testing/organizations';
import { mutatingRoutes, type MutatingRoute } from '../testing/routes';
import { BULK_IMPORT_BODY_LIMIT_BYTES, JSON_BODY_LIMIT_BYTES } from './config';

const kit = createTestKit();
const { app } = kit;

const APP_ORIGIN = 'http://localhost:3000';
const BULK = 'POST /api/organizations/:orgId/invitations/bulk';

let owner: TestClient;
let orgId: string;
let pendingId: string;
let routes: MutatingRoute[];

/** A request from the app's own origin with the owner's cookie, and a body of `type`. */
function send(
  method: string,
  path: string,
  body: RequestInit['body'],
  headers: Record<string, string> = {},
) {
  return app.request(`${APP_ORIGIN}${path}`, {
    method,
    headers: { origin: APP_ORIGIN, cookie: sessionHeaders(owner).get('cookie')!, ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}

async function codeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return body?.error?.code;
}

beforeAll(async () => {
  const setup = await ownerWithOrg(app, 'Typed Org');
  owner = setup.owner;
  orgId = setup.org.id;
  await unlimitedSeats(orgId);
  const admin = await joinAs(app, owner, orgId, 'admin');
  const invitee = uniqueEmail('invitee');
  const invited = await owner.post(`/api/organizations/${orgId}/invitations`, { email: invitee });
  pendingId = invited.body.invitation.id;
  routes = mutatingRoutes(kit, {
    orgId,
    memberId: admin.memberId,
    invitationId: pendingId,
    token: await invitationToken(invitee),
    id: 'credential',
    webhookId: 'no-such-webhook',
    deliveryId: 'no-such-delivery',
    keyId: 'no-such-key',
    linkId: 'any-link-id',
    requestId: 'any-request-id',
    domainId: 'any-domain-id',
  });
});

describe('content types', () => {
  const forms: [string, string, string][] = [
    ['text/plain', 'text/plain', '{"email":"mallory@example.test","role":"admin"}'],
    ['a urlencoded form', 'application/x-www-form-urlencoded', 'email=mallory%40example.test'],
    [
      'multipart',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nm@example.test\r\n--x--',
    ],
  ];

  it.each(forms)(
    'every JSON route refuses %s with 415 UNSUPPORTED_MEDIA_TYPE and changes nothing',
    async (_name, type, body) => {
      const before = await organizationSnapshot();
      const jsonRoutes = routes.filter((r) => `${r.method} ${r.template}` !== BULK);
      const answers = await Promise.all(
        jsonRoutes.map(async (route) => {
          const response = await send(route.method, route.path, body, { 'content-type': type });
          return `${route.method} ${route.template} → ${response.status} ${await codeOf(response)}`;
        }),
      );
      expect(answers).toEqual(
        jsonRoutes.map((r) => `${r.method} ${r.template} → 415 UNSUPPORTED_MEDIA_TYPE`),
      );
      expect(await organizationSnapshot()).toEqual(before);
    },
  );

  it('refuses a body that declares no content type', async () => {
    const response = await send(
      'PATCH',
      `/api/organizations/${orgId}`,
      new TextEncoder().encode('{"name":"x"}'),
      {
        'content-length': '12',
      },
    );
    expect(response.status).toBe(415);
    expect(await codeOf(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('bulk import takes JSON or text/csv, each with its own type, and nothing else', async () => {
    const path = `/api/organizations/${orgId}/invitations/bulk?dryRun=true`;
    const csv = await send('POST', path, `email,role\n${uniqueEmail('csv')},member\n`, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(csv.status).toBe(200);
    const json = await send(
      'POST',
      path,
      JSON.stringify({ invitations: [{ email: uniqueEmail('json') }] }),
      {
        'content-type': 'application/json',
      },
    );
    expect(json.status).toBe(200);
    const plain = await send('POST', path, `email\n${uniqueEmail('plain')}\n`, {
      'content-type': 'text/plain',
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({
      error: {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        details: { accepted: ['application/json', 'text/csv'] },
      },
    });
  });

  it('keeps bodiless POSTs working without a content type', async () => {
    const activate = await send('POST', `/api/organizations/${orgId}/activate`, undefined);
    expect(activate.status).toBe(200);
    const resend = await send(
      'POST',
      `/api/organizations/${orgId}/invitations/${pendingId}/resend`,
      undefined,
      { 'content-length': '0' },
    );
    expect(resend.status).toBe(200);
  });
});

describe('body limits', () => {
  const padded = (bytes: number) => JSON.stringify({ name: 'Big', padding: 'x'.repeat(bytes) });

  it('refuses a JSON body over 64 KB on the kit routes and better-auth alike, and changes nothing', async () => {
    const before = await organizationSnapshot();
    for (const path of ['/api/organizations', '/api/auth/sign-in/email']) {
      const response = await send('POST', path, padded(JSON_BODY_LIMIT_BYTES), {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        error: { code: 'PAYLOAD_TOO_LARGE', details: { maxBytes: JSON_BODY_LIMIT_BYTES } },
      });
    }
    expect(await organizationSnapshot()).toEqual(before);
  });

  it('counts a streamed body without Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await send('POST', '/api/organizations', stream, {
      'content-type': 'application/json',
    });
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('gives bulk import its larger limit', async () => {
    const path = `/api/organizations/${orgId}/invitations/bulk?dryRun=true`;
    const rows = Array.from({ length: 4000 }, (_, i) => `bulk-limit-${i}@example.test,member`);
    const csv = `email,role\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(JSON_BODY_LIMIT_BYTES);
    const accepted = await send('POST', path, csv, { 'content-type': 'text/csv' });
    expect(accepted.status).toBe(200);
    const tooLarge = await send('POST', path, 'x'.repeat(BULK_IMPORT_BODY_LIMIT_BYTES + 1), {
      'content-type': 'text/csv',
    });
    expect(tooLarge.status).toBe(413);
    expect(await codeOf(tooLarge)).toBe('PAYLOAD_TOO_LARGE');
  });
});
