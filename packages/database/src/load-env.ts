import { existsSync } from 'node:fs';
import path from 'node:path';
import { config } from 'dotenv';
import type { z } from 'zod';
import { workspaceRoot } from './data-dir';

let loaded = false;

/** Loads the repository's `.env` once; variables already in the environment win. */
export function loadDotenv(): void {
  if (loaded || process.env.NODE_ENV === 'test') return;
  loaded = true;
  const file = path.join(workspaceRoot(), '.env');
  if (existsSync(file)) config({ path: file, quiet: true });
}

export class InvalidEnvironmentError extends Error {
  constructor(
    readonly scope: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid environment for ${scope}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See .env.example for every variable and its meaning.',
    );
    this.name = 'InvalidEnvironmentError';
  }
}

/**
 * Validates `process.env` against a package's schema; empty strings count as unset.
 * Throws one error naming every missing or malformed variable.
 */
export function parseEnv<S extends z.ZodType>(
  scope: string,
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const received = source[String(issue.path[0])];
    return received === undefined
      ? `${name} is required: ${issue.message}`
      : `${name} ${issue.message}`;
  });
  throw new InvalidEnvironmentError(scope, problems);
}
