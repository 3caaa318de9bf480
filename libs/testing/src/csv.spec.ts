import { describe, expect, it } from '@jest/globals';
import { parseCsv } from './csv.js';

describe('parseCsv (for tests of CSV downloads)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; records end with CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\r\nthere",\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\r\nthere', ''],
    ]);
  });
});
