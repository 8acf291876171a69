/** Where a command writes; tests pass their own to read what a user would see. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stdout is a terminal (progress bars only then). */
  interactive: boolean;
  cwd: string;
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stdout.isTTY),
  cwd: process.env.INIT_CWD ?? process.cwd(),
};

export class UsageError extends Error {}

/** A plain-text table: the CLI's summaries. */
export function table(rows: Array<Record<string, string | number>>): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]!);
  const widths = headers.map((h) =>
    Math.max(h.length, ...rows.map((r) => String(r[h] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(headers),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h] ?? '')))),
  ].join('\n');
}
