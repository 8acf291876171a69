import { defineKitConfig } from '@kit/vitest-config';

export default defineKitConfig();
