import { z } from 'zod';
import { loadDotenv, parseEnv } from './load-env';
import type { ConnectOptions } from './client';

loadDotenv();

export const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  PGLITE_DATA_DIR: z.string().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/** Read at call time so tests can point a fresh process at a fresh database. */
export function databaseEnv(): DatabaseEnv {
  return parseEnv('@kit/database', databaseEnvSchema);
}

/** `connectDatabase()` options from DATABASE_URL, PGLITE_DATA_DIR and DATABASE_POOL_SIZE. */
export function databaseOptionsFromEnv(): ConnectOptions {
  const env = databaseEnv();
  return {
    url: env.DATABASE_URL,
    pgliteDataDir: env.PGLITE_DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
  };
}
