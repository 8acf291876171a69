import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder upward holding pnpm-workspace.yaml. */
export function workspaceRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/**
 * Where local state lives (embedded database, generated development secret):
 * `KIT_DATA_DIR`, or `.data/` at the repository root. Created on first use.
 */
export function dataDir(...segments: string[]): string {
  const base = process.env.KIT_DATA_DIR
    ? path.resolve(process.env.KIT_DATA_DIR)
    : path.join(workspaceRoot(), '.data');
  const dir = path.join(base, ...segments);
  mkdirSync(dir, { recursive: true });
  return dir;
}
