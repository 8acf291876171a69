import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AuthDocumentPart } from './auth-paths';
import { defineRoute, json, router } from './route';

/** Answers every route may give, whatever it declares (security checks run before routes). */
const COMMON_ERRORS = `
Every error answers with one body: \`{"error":{"code","message","remediation?","details?"}}\`.
Match on \`code\`; the message is for people. Each operation lists its codes in its error
responses and in \`x-error-codes\` (code → status). Besides those, any route may answer:

- 403 \`CSRF_ORIGIN_REJECTED\`: a state-changing request from an origin that is not trusted;
- 413 \`PAYLOAD_TOO_LARGE\`, 415 \`UNSUPPORTED_MEDIA_TYPE\`: bodies are JSON (the bulk import
  also takes text/csv) and small;
- 400 \`INVALID_CHARACTERS\`: NUL characters in the path, query or body;
- 429 \`RATE_LIMITED\` with Retry-After, where a route is rate limited;
- 500 \`INTERNAL_ERROR\`.

Routes that need a signed-in person read better-auth's session cookie (sign in through
\`/api/auth/sign-in/email\`). Scripts call an organization's member and invitation routes with
an organization API key instead (\`Authorization: Bearer kit_…\`, docs/api.md); with a key any
route may also answer 401 \`INVALID_API_KEY\`, 403 \`INSUFFICIENT_SCOPE\` or
\`API_KEY_NOT_ALLOWED\`, and 404 \`ORGANIZATION_NOT_FOUND\` outside the key's organization.`.trim();

export interface DocumentInfo {
  productName: string;
  version?: string;
}

/**
 * The OpenAPI 3.1 document of an app whose routes are declared with ./route.ts, with
 * better-auth's endpoints (./auth-paths.ts) where its pass-through route is mounted.
 */
export function openApiDocument(app: OpenAPIHono, info: DocumentInfo, auth?: AuthDocumentPart) {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: `${info.productName} API`,
      version: info.version ?? '1.0.0',
      description: COMMON_ERRORS,
    },
  });
  if (auth) document.paths = { ...document.paths, ...auth.paths };
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...auth?.schemas } as NonNullable<
      typeof document.components
    >['schemas'],
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'better-auth.session_token',
        description: "better-auth's session cookie, set by signing in.",
      },
      organizationApiKey: {
        type: 'http',
        scheme: 'bearer',
        description:
          'An organization API key (`kit_…`), for the routes its scopes allow (docs/api.md).',
      },
    },
  };
  return document;
}

const require = createRequire(import.meta.url);

/** The Swagger UI files the reference page loads, served from this app (no CDN). */
const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;
type Asset = keyof typeof ASSETS;

const INIT_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
    withCredentials: true,
  });
});
`;

const page = (title: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title.replace(/[<>&"]/g, '')}</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <main id="reference"></main>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/assets/init.js"></script>
  </body>
</html>
`;

const assetCache = new Map<string, string>();
function readAsset(name: Asset): string {
  let text = assetCache.get(name);
  if (text === undefined) {
    const dir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
    text = readFileSync(path.join(dir, name), 'utf8');
    assetCache.set(name, text);
  }
  return text;
}

const tags = ['Reference'];

const documentRoute = defineRoute({
  method: 'get',
  path: '/openapi.json',
  tags,
  summary: 'This document (OpenAPI 3.1)',
  responses: {
    200: json(
      z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
      'The OpenAPI document',
    ),
  },
});

const docsRoute = defineRoute({
  method: 'get',
  path: '/docs',
  tags,
  summary: 'The API reference page',
  responses: {
    200: { description: 'An HTML page', content: { 'text/html': { schema: z.string() } } },
  },
});

const assetRoute = defineRoute({
  method: 'get',
  path: '/docs/assets/{file}',
  tags,
  summary: "The reference page's scripts and styles",
  request: {
    params: z.object({ file: z.enum([...(Object.keys(ASSETS) as Asset[]), 'init.js']) }),
  },
  responses: {
    200: {
      description: 'A script or a style sheet',
      content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() } },
    },
  },
});

/**
 * GET /openapi.json (the document, public) and GET /docs (a Swagger UI reference page whose
 * files come from this app). `document` builds the document (or a promise of it) on first
 * request, once the app is complete.
 */
export const referenceRoutes = (document: () => unknown, title: string) => {
  let built: Promise<unknown> | undefined;
  return router()
    .openapi(documentRoute, async (c) => {
      built ??= Promise.resolve()
        .then(document)
        .catch((error: unknown) => {
          built = undefined;
          throw error;
        });
      return c.json(
        (await built) as z.infer<
          (typeof documentRoute)['responses'][200]['content']['application/json']['schema']
        >,
        200,
      );
    })
    .openapi(docsRoute, (c) => c.html(page(title)))
    .openapi(assetRoute, (c) => {
      const { file } = c.req.valid('param');
      const [body, type] =
        file === 'init.js'
          ? [INIT_SCRIPT, 'text/javascript; charset=utf-8']
          : [readAsset(file), ASSETS[file]];
      return c.body(body, 200, {
        'content-type': type,
        'cache-control': 'public, max-age=3600',
      });
    });
};
