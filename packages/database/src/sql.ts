/** Rows of a raw `db.execute()` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** True for Postgres unique violations (SQLSTATE 23505), optionally on one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: string; constraint_name?: string; constraint?: string };
    if (candidate.code === '23505') {
      return !constraint || (candidate.constraint_name ?? candidate.constraint) === constraint;
    }
  }
  return false;
}
