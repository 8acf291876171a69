import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** Vitest options giving every test file a clean, migrated database of its own. */
export function databaseTestConfig() {
  return {
    test: {
      globalSetup: [here('./global-setup.ts')],
      setupFiles: [here('./setup-file.ts')],
    },
  };
}
