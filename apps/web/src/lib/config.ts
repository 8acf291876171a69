import { api } from './api';
import { createResource } from './resource';
import type { AppConfig } from './types';

export const configResource = createResource(() => api<AppConfig>('/api/config'));

/** The API's public configuration. Loaded by the root route, so it is always there in pages. */
export function useConfig(): AppConfig {
  const config = configResource.use();
  if (!config) throw new Error('useConfig() was called before the configuration was loaded');
  return config;
}
