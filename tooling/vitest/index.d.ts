import type { ViteUserConfig } from 'vitest/config';

export declare function defineKitConfig(overrides?: ViteUserConfig): ViteUserConfig;
