import { defineKitConfig } from '@kit/vitest-config';
import { databaseTestConfig } from '@kit/database/testing/vitest';

export default defineKitConfig(databaseTestConfig());
