import { defineKitConfig } from '@kit/vitest-config';
import { databaseTestConfig } from './src/testing/vitest';

export default defineKitConfig(databaseTestConfig());
