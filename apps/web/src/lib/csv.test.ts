import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(
      parseCsv('\uFEFFemail,role,note\r\na@b.co,member,"Hello, ""you""\nthere"\r\n\r\nc@d.co,,\n'),
    ).toEqual([
      ['email', 'role', 'note'],
      ['a@b.co', 'member', 'Hello, "you"\nthere'],
      ['c@d.co', '', ''],
    ]);
  });

  it('keeps a last line without a line end', () => {
    expect(parseCsv('email\na@b.co')).toEqual([['email'], ['a@b.co']]);
    expect(parseCsv('')).toEqual([]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and round-trips', () => {
    const text = toCsv(
      ['row', 'email', 'reason'],
      [
        [1, 'a@b.co', 'Has, a comma'],
        [2, 'c@d.co', 'Say "hi"'],
      ],
    );
    expect(text).toBe('row,email,reason\r\n1,a@b.co,"Has, a comma"\r\n2,c@d.co,"Say ""hi"""\r\n');
    expect(parseCsv(text)).toEqual([
      ['row', 'email', 'reason'],
      ['1', 'a@b.co', 'Has, a comma'],
      ['2', 'c@d.co', 'Say "hi"'],
    ]);
  });

  it('defuses spreadsheet formulas and writes empty cells for null', () => {
    expect(toCsv(['a', 'b'], [['=SUM(A1)', null]])).toBe("a,b\r\n'=SUM(A1),\r\n");
  });
});
