import path from 'node:path';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { brandHtml } from './scripts/brand-html';
import { reportMembersPage } from './scripts/bundle-size.mjs';

const apiProxy: Record<string, ProxyOptions> = {
  // The API is served same-origin under /api; in development it runs on its own port.
  '/api': { target: `http://localhost:${process.env.API_PORT ?? 3001}`, xfwd: true },
};

/**
 * The production server's page headers (apps/api/src/security/headers.ts), minus the script and
 * style policy: Vite's dev client and React refresh inject inline scripts that it would block.
 * Referrer-Policy matters most here too: the invitation token is in the accept page's URL.
 */
const securityHeaders = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** After a build, prints how much JavaScript the members page downloads (see `pnpm bench`). */
function bundleSizeReport(): Plugin {
  let outDir = 'dist';
  return {
    name: 'kit:bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      try {
        reportMembersPage(outDir);
      } catch (error) {
        this.warn(`bundle size report skipped: ${error instanceof Error ? error.message : error}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    brandHtml(),
    // Brotli and gzip copies beside each text file of the build (app.js.br, app.js.gz): the API
    // serves the one the browser accepts (apps/api/src/static.ts) without compressing per request.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      exclude: [/^\.vite\//],
      logLevel: 'silent',
    }),
    bundleSizeReport(),
  ],
  server: { port: 3000, strictPort: true, proxy: apiProxy, headers: securityHeaders },
  preview: { port: 3000, strictPort: true, proxy: apiProxy, headers: securityHeaders },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The UI kit's components and the app's shared components and helpers that two
              // pages or more use, in one file: left to automatic splitting they become one
              // file per set of pages using them (two dozen files of a few hundred bytes for
              // the members page, each with its own request and response headers). Radix's
              // menu, dialog and toast code and the pages' own code stay in files of their own,
              // loaded when needed.
              name: 'shared',
              test: /[\\/](packages[\\/]ui|apps[\\/]web[\\/]src[\\/](components|lib))[\\/]/,
              minShareCount: 2,
            },
          ],
        },
      },
    },
  },
});
