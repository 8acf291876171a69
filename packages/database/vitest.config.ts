import { defineKitConfig } from '@kit/vitest-config';
import { databaseTestConfig } from './src/testing/vitest.js';

export default defineKitConfig(databaseTestConfig());
