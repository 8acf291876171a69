/** Vitest options giving every test file a clean, migrated database of its own. */
export declare function databaseTestConfig(): {
  test: { globalSetup: string[]; setupFiles: string[] };
};
