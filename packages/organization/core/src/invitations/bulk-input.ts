import { z } from 'zod';
import { OrganizationError } from '../errors';

export const MAX_BULK_ROWS = 10_000;

/** One row as given, before validation. `line` is the CSV line (header = line 1). */
export interface BulkRow {
  row: number;
  line?: number;
  email: string;
  role?: string;
  metadata: Record<string, unknown>;
}

function tooMany(count: number): never {
  throw new OrganizationError(
    'TOO_MANY_ROWS',
    `A bulk import takes at most ${MAX_BULK_ROWS.toLocaleString('en-US')} rows; this one has ${count.toLocaleString('en-US')}.`,
    {
      remediation: 'Split the file and import the parts one after another.',
      details: { max: MAX_BULK_ROWS, received: count },
    },
  );
}

const jsonInput = z.object({
  invitations: z.array(z.unknown(), {
    error: 'Send {"invitations": [{"email", "role", "metadata"?}]}.',
  }),
});

/** `{"invitations":[{email, role, metadata?}]}`; shape errors of a row become that row's result. */
export function parseBulkJson(body: unknown): BulkRow[] {
  const parsed = jsonInput.safeParse(body);
  if (!parsed.success) {
    throw new OrganizationError(
      'VALIDATION_ERROR',
      parsed.error.issues[0]?.message ?? 'Invalid bulk input.',
    );
  }
  const items = parsed.data.invitations;
  if (items.length > MAX_BULK_ROWS) tooMany(items.length);
  return items.map((item, index) => {
    const value = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    return {
      row: index + 1,
      email: typeof value.email === 'string' ? value.email : '',
      role: roleText(value.role),
      // Anything but an object is refused for its row by the metadata check.
      metadata: (value.metadata ?? {}) as Record<string, unknown>,
    };
  });
}

/** A role given as another JSON type is kept (as its type) so that its row is refused, not defaulted. */
function roleText(role: unknown): string | undefined {
  if (role === undefined || role === null) return undefined;
  return typeof role === 'string' ? role : `(${Array.isArray(role) ? 'list' : typeof role})`;
}

/**
 * CSV with a header row: `email` (required) and `role` columns; every other column becomes
 * metadata on the invitation. Malformed CSV is refused whole, naming the line. The CSV parser
 * is loaded on the first import, not when the server starts.
 */
export async function parseBulkCsv(text: string): Promise<BulkRow[]> {
  const { CsvError, parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as { lines?: number }).lines;
      throw new OrganizationError(
        'INVALID_CSV',
        `The CSV is malformed at line ${line ?? '?'}: ${error.message.replace(/^Invalid [^:]*: /, '')}`,
        {
          remediation:
            'Fix that line (quotes must be closed, every row needs as many columns as the header) and upload again.',
          details: { line },
        },
      );
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (!header)
    throw new OrganizationError('INVALID_CSV', 'The CSV is empty.', { details: { line: 1 } });
  const columns = header.map((h) => h.trim());
  const emailIndex = columns.findIndex((c) => c.toLowerCase() === 'email');
  if (emailIndex === -1) {
    throw new OrganizationError('INVALID_CSV', 'The CSV header (line 1) has no "email" column.', {
      remediation: 'Add a header row such as: email,role',
      details: { line: 1 },
    });
  }
  if (rows.length > MAX_BULK_ROWS) tooMany(rows.length);
  const roleIndex = columns.findIndex((c) => c.toLowerCase() === 'role');
  const metadataColumns = columns.flatMap((name, i) =>
    i !== emailIndex && i !== roleIndex && name ? [{ name, i }] : [],
  );
  return rows.map((cells, index) => {
    const metadata: Record<string, unknown> = {};
    for (const { name, i } of metadataColumns) {
      const value = cells[i];
      if (!value) continue;
      // Own properties whatever the header says (an assignment to "__proto__" would be lost).
      if (name === '__proto__')
        Object.defineProperty(metadata, name, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else metadata[name] = value;
    }
    return {
      row: index + 1,
      line: index + 2,
      email: cells[emailIndex] ?? '',
      role: roleIndex === -1 ? undefined : cells[roleIndex] || undefined,
      metadata,
    };
  });
}
