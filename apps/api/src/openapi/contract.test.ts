/* eslint-disable @typescript-eslint/no-explicit-any -- walks a JSON document */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { testClient, type TestClient } from '../testing/client';
import { createTestKit } from '../testing/kit';
import { invitationToken, joinAs, ownerWithOrg, uniqueEmail } from '../testing/organizations';

/**
 * The OpenAPI document is the app's contract: every route in the route table is in it, every
 * operation in it is a route, it is a valid OpenAPI 3.1 document, and requests built from it
 * (against a seeded organization) answer with a documented status and a body its schema
 * accepts. A route added with openapi/route.ts is covered without touching this file; one added
 * any other way fails the first test.
 */

const kit = createTestKit({ webhooks: { allowPrivateUrls: true, timeoutMs: 2000 } });
const { app } = kit;

type Document = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components?: Record<string, any>;
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let document: Document;

beforeAll(async () => {
  const response = await app.request('/api/openapi.json');
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

/** `/api/organizations/:orgId` → `/api/organizations/{orgId}`. */
const openApiPath = (path: string) => path.replace(/:([^/]+)/g, '{$1}');

/** better-auth's pass-through route; the document lists its endpoints one by one instead. */
const AUTH_MOUNT = '/api/auth/*';
const isAuthPath = (path: string) => path.startsWith('/api/auth/');

/** Every route handler in the app; middleware (handlers taking `next`) is not a route. */
function routeTable(): string[] {
  const routes = new Set<string>();
  for (const entry of app.routes) {
    if (entry.method === 'ALL' || entry.handler.length >= 2) continue;
    routes.add(`${entry.method.toUpperCase()} ${openApiPath(entry.path)}`);
  }
  return [...routes].sort();
}

function operations(): { method: string; path: string; operation: any }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] })),
  );
}

/** Documented operations; better-auth's count as the pass-through route for their method. */
function documented(): string[] {
  const entries = operations().map(
    ({ method, path }) => `${method.toUpperCase()} ${isAuthPath(path) ? AUTH_MOUNT : path}`,
  );
  return [...new Set(entries)].sort();
}

describe('the OpenAPI document', () => {
  it('is public: no session, JSON', async () => {
    const response = await testClient(app).get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.body.openapi).toBe('3.1.0');
  });

  it('documents every route in the route table, and nothing else', () => {
    const table = routeTable();
    expect(table.length).toBeGreaterThan(40);
    expect(documented()).toEqual(table);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as any);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('lists the error codes of every operation, each with the shared error body', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const codes = operation['x-error-codes'] as Record<string, number>;
        expect(codes, `${method} ${path}`).toBeTypeOf('object');
        for (const [code, status] of Object.entries(codes)) {
          const response = operation.responses[String(status)];
          expect(response?.['x-error-codes'] ?? [], `${method} ${path} ${code}`).toContain(code);
          expect(response.content['application/json'].schema).toEqual({
            $ref: '#/components/schemas/Error',
          });
        }
        const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
        if (takesInput) expect(codes.VALIDATION_ERROR, `${method} ${path}`).toBe(400);
      }
    }
  });
});

describe('the API reference page', () => {
  it('is served with scripts and styles from this app only', async () => {
    const page = await app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(3);
    for (const source of sources) {
      expect(source).toMatch(/^\/api\/docs\//);
      const asset = await app.request(source);
      expect(asset.status, source).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/text\/(javascript|css)/);
      expect((await asset.text()).length).toBeGreaterThan(10);
    }
  });
});

/** Example requests built from the document, against a seeded organization. */
describe('answers as documented', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);

  let owner: TestClient;
  const params: Record<string, string> = {};
  let invitationLinkToken = '';
  let inviteLinkToken = '';

  beforeAll(async () => {
    ajv.addSchema({ $id: 'doc', components: document.components ?? {} });
    const seeded = await ownerWithOrg(app, 'Contract Org');
    owner = seeded.owner;
    params.orgId = seeded.org.id;
    const member = await joinAs(app, owner, seeded.org.id, 'member');
    params.memberId = member.memberId;
    const inviteeEmail = uniqueEmail('contract-invitee');
    const invited = await owner.post(`/api/organizations/${seeded.org.id}/invitations`, {
      email: inviteeEmail,
    });
    expect(invited.status).toBe(201);
    params.invitationId = invited.body.invitation.id;
    invitationLinkToken = await invitationToken(inviteeEmail);
    const link = await owner.post(`/api/organizations/${seeded.org.id}/invite-links`, {});
    expect(link.status).toBe(201);
    params.linkId = link.body.link.id;
    inviteLinkToken = new URL(link.body.url).pathname.split('/').pop()!;
    const webhook = await owner.post(`/api/organizations/${seeded.org.id}/webhooks`, {
      url: 'http://127.0.0.1:9/hook',
      events: ['member.added'],
    });
    expect(webhook.status).toBe(201);
    params.webhookId = webhook.body.webhook.id;
    params.file = 'init.js';
    params.path = 'get-session';
  });

  /** The document's `#/components/...` refs, resolved against the registered document. */
  const resolveRefs = (schema: unknown): unknown =>
    JSON.parse(
      JSON.stringify(schema).replaceAll('"$ref":"#/components/', '"$ref":"doc#/components/'),
    );

  function fillPath(path: string): string {
    return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (name === 'token')
        return path.startsWith('/api/join/') ? inviteLinkToken : invitationLinkToken;
      const value = params[name];
      if (!value) throw new Error(`no example for {${name}} in ${path}`);
      return encodeURIComponent(value);
    });
  }

  /** Requests that change nothing but what they create; the rest are not replayed here. */
  const writes: Record<string, unknown> = {
    'POST /api/organizations': { name: 'Contract Second Org' },
    'POST /api/organizations/{orgId}/invitations': { email: 'contract-second@example.test' },
    'POST /api/organizations/{orgId}/invite-links': { expiresInDays: 3 },
    'POST /api/organizations/{orgId}/invitations/bulk?dryRun=1': {
      invitations: [{ email: 'contract-bulk@example.test' }, { email: 'not-an-email' }],
    },
  };

  /** The kit's own reads; better-auth's endpoints have their own test below. */
  const readOperations = () =>
    operations().filter(({ method, path }) => method === 'get' && !isAuthPath(path));

  async function check(method: string, path: string, url: string, body?: unknown) {
    const operation = document.paths[path]![method]!;
    const response =
      method === 'get'
        ? await owner.get(url)
        : await owner.request(method.toUpperCase(), url, body);
    const documentedResponse = operation.responses[String(response.status)];
    expect(
      documentedResponse,
      `${method.toUpperCase()} ${url} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
    ).toBeDefined();
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!;
    const content = documentedResponse.content?.[type];
    if (documentedResponse.content) expect(content, `${url} content type ${type}`).toBeDefined();
    if (type === 'application/json' && content?.schema) {
      const validate = ajv.compile(resolveRefs(content.schema) as object);
      expect(validate(response.body), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    return response;
  }

  it('every read (GET) answers 2xx with a body its schema accepts', async () => {
    const reads = readOperations();
    expect(reads.length).toBeGreaterThan(20);
    for (const { path } of reads) {
      const response = await check('get', path, fillPath(path));
      expect(response.status, path).toBeLessThan(300);
    }
  });

  it('creating requests answer 201/200 with bodies their schemas accept', async () => {
    for (const [key, body] of Object.entries(writes)) {
      const [method, target] = key.split(' ') as [string, string];
      const path = target.split('?')[0]!;
      expect(document.paths[path]?.[method.toLowerCase()], key).toBeDefined();
      const response = await check(method.toLowerCase(), path, fillPath(target), body);
      expect(response.status, key).toBeLessThan(300);
    }
  });

  it('refusals answer with a code the operation lists for that status', async () => {
    const cases: [string, string, string, unknown?][] = [
      ['get', '/api/organizations/{orgId}', '/api/organizations/no-such-org'],
      [
        'get',
        '/api/organizations/{orgId}/members',
        `/api/organizations/${params.orgId}/members?limit=0`,
      ],
      [
        'post',
        '/api/organizations/{orgId}/webhooks',
        `/api/organizations/${params.orgId}/webhooks`,
        { url: 'ftp://x', events: ['member.added'] },
      ],
      ['get', '/api/invitations/{token}', '/api/invitations/no-such-token'],
      ['patch', '/api/organizations/{orgId}', `/api/organizations/${params.orgId}`, { name: 5 }],
    ];
    for (const [method, path, url, body] of cases) {
      const response = await check(method, path, url, body);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      const codes = document.paths[path]![method]!['x-error-codes'] as Record<string, number>;
      expect(codes[response.body.error.code], `${url}: ${response.body.error.code}`).toBe(
        response.status,
      );
    }
  });
});

/** better-auth's endpoints, one operation each, as better-auth's open-api plugin lists them. */
describe("better-auth's endpoints", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const auth = () => operations().filter(({ path }) => isAuthPath(path));

  beforeAll(() => {
    ajv.addSchema({ $id: 'doc', components: document.components ?? {} });
  });

  it('are documented one by one under /api/auth, tagged Auth, without the ones refused', () => {
    const paths = new Set(auth().map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    for (const expected of [
      'POST /api/auth/sign-up/email',
      'POST /api/auth/sign-in/email',
      'GET /api/auth/get-session',
      'POST /api/auth/sign-out',
      'POST /api/auth/request-password-reset',
    ])
      expect(paths, expected).toContain(expected);
    for (const { path, operation } of auth()) {
      expect(operation.tags, path).toEqual(['Auth']);
      expect(path).not.toMatch(/^\/api\/auth\/(organization|open-api|reference)(\/|$)/);
    }
    expect(Object.keys(document.paths)).not.toContain('/api/auth/{path}');
    // Requests need a session where better-auth's endpoint does; bodies carry no session token.
    expect(document.paths['/api/auth/list-sessions']!.get.security).toEqual([{ session: [] }]);
    const signIn = document.paths['/api/auth/sign-in/email']!.post;
    const signedIn = signIn.responses['200'].content['application/json'].schema;
    expect(Object.keys(signedIn.properties)).not.toContain('token');
    expect(JSON.stringify(document.components?.schemas)).not.toMatch(/"tokenHash"/);
  });

  it("answer errors with the API's error body", () => {
    for (const { method, path, operation } of auth()) {
      const errors = Object.entries(operation.responses).filter(
        ([status]) => Number(status) >= 400,
      );
      expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [status, response] of errors as [string, any][])
        expect(response.content['application/json'].schema, `${method} ${path} ${status}`).toEqual({
          $ref: '#/components/schemas/Error',
        });
    }
  });

  it('every documented operation is served: a sample request is not refused as unknown', async () => {
    // Without a session (nothing changes) and with empty bodies: better-auth's own answers.
    const anonymous = testClient(app);
    const answered: string[] = [];
    const unexpected: string[] = [];
    for (const { method, path, operation } of auth()) {
      const query = new URLSearchParams();
      for (const parameter of operation.parameters ?? [])
        if (parameter.in === 'query' && parameter.required) query.set(parameter.name, 'sample');
      const url = path.replace(/\{[^}]+\}/g, 'sample') + (query.size ? `?${query}` : '');
      const response = method === 'get' ? await anonymous.get(url) : await anonymous.post(url, {});
      const label = `${method.toUpperCase()} ${url} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 200)}`;
      answered.push(label);
      if (response.status === 404) unexpected.push(label);
      else if (response.status >= 400) {
        const validate = ajv.compile({ $ref: 'doc#/components/schemas/Error' });
        if (!operation.responses[String(response.status)] || !validate(response.body))
          unexpected.push(label);
      }
    }
    expect(unexpected).toEqual([]);
    expect(answered.length).toBeGreaterThan(15);
  });

  it("the open-api plugin's routes (not installed) and the organization endpoints answer 404", async () => {
    const anonymous = testClient(app);
    for (const url of [
      '/api/auth/open-api/generate-schema',
      '/api/auth/open-api/generate-schema/',
      '/api/auth/Open-API/Generate-Schema',
      '/api/auth//open-api/generate-schema',
      '/api/auth/open-api/generate-schema?x=1',
      '/api/auth/open%2Dapi/generate-schema',
      '/api/auth/reference',
      '/api/auth/reference/',
      '/api/auth/REFERENCE',
      '/api/auth/organization/list',
    ]) {
      const response = await anonymous.get(url);
      expect(response.status, url).toBe(404);
      expect((await anonymous.post(url, {})).status, `POST ${url}`).toBe(404);
      expect(response.body.error.code, url).toBe('NOT_FOUND');
      expect(response.headers.get('content-type'), url).toMatch(/application\/json/);
    }
  });
});
