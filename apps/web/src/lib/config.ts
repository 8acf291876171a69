import type { InferResponseType } from 'hono/client';
import { client, read } from './client';
import { createResource } from './resource';

/** The deployment's public configuration (product name, sign-up mode, e-mail transport). */
export type AppConfig = InferResponseType<typeof client.config.$get>;

export const configResource = createResource(() => read(client.config.$get()));

/** The API's public configuration. Loaded by the root route, so it is always there in pages. */
export function useConfig(): AppConfig {
  const config = configResource.use();
  if (!config) throw new Error('useConfig() was called before the configuration was loaded');
  return config;
}
