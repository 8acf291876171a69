import { describe, expect, it } from 'vitest';
import type { BulkResultRow } from '../lib/organizations';
import { rowReason } from './bulk-results';

const row = (extra: Partial<BulkResultRow>): BulkResultRow => ({
  row: 3,
  email: 'ada@example.com',
  role: 'x',
  status: 'duplicate_in_file',
  ...extra,
});

describe('rowReason', () => {
  it('names the row a duplicate repeats when the API says which', () => {
    expect(rowReason(row({ duplicateOfRow: 1, message: 'Appears earlier in the file.' }))).toBe(
      'Duplicate of row 1.',
    );
  });

  it('falls back to the server message, then a default, without the row number', () => {
    expect(rowReason(row({ message: 'Appears earlier in the file.' }))).toBe(
      'Appears earlier in the file.',
    );
    expect(rowReason(row({}))).toBe('This address appears earlier in the list.');
  });
});
