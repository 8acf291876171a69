import { defineKitConfig } from '@kit/vitest-config';
import { databaseTestConfig } from '@kit/database/testing/vitest';
import { mergeConfig } from 'vitest/config';

export default defineKitConfig(
  mergeConfig(databaseTestConfig(), {
    test: { setupFiles: ['./src/testing/generous-rate-limits.ts'] },
  }),
);
