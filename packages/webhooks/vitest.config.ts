import { databaseTestConfig } from '@kit/database/testing/vitest';
import { defineKitConfig } from '@kit/vitest-config';

export default defineKitConfig(databaseTestConfig());
