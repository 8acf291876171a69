import { defineConfig, mergeConfig } from 'vitest/config';

/**
 * The shared Vitest preset: node environment, forked workers, generous timeouts for database work.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function defineKitConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        environment: 'node',
        pool: 'forks',
        maxWorkers: 2,
        testTimeout: 30_000,
        hookTimeout: 60_000,
        include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
      },
    }),
    overrides,
  );
}
