import { databaseTestConfig } from '@kit/database/testing/vitest';
import { defineKitConfig } from '@kit/vitest-config';
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';

/**
 * Browser tests: each file starts the API with the built web app on a free port, against a database
 * of its own, and drives Chromium through it. Two files run at a time: a browser test mostly
 * waits (for pages, emails, the server), so two of them share two cores well.
 */
const config = defineKitConfig(
  mergeConfig(databaseTestConfig(), {
    test: {
      testTimeout: 120_000,
      hookTimeout: 120_000,
      fileParallelism: true,
      maxWorkers: 2,
      // expect.poll waits as long as a locator does (vitest's default is one second, which a
      // page that refetches after typing can miss on a busy machine).
      expect: { poll: { timeout: 15_000 } },
      // Every browser shares one address; these suites are not about rate limits.
      setupFiles: [
        fileURLToPath(new URL('../api/src/testing/generous-rate-limits.ts', import.meta.url)),
      ],
    },
  }),
);
// mergeConfig concatenates arrays: replace the unit-test globs rather than add to them.
config.test = { ...config.test, include: ['e2e/**/*.e2e.test.ts'] };

export default config;
