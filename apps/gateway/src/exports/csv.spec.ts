import { describe, expect, it } from '@jest/globals';
import {
  attachmentDisposition,
  csvField,
  csvHeader,
  csvRecord,
  csvRow,
  neutraliseFormula,
  type CsvColumn,
} from './csv.js';

describe('CSV encoding (RFC 4180)', () => {
  it('writes plain text as is and ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b c', 'd'])).toBe('a,b c,d\r\n');
    expect(csvRecord([])).toBe('\r\n');
  });

  it('quotes a field holding a comma, a double quote (doubled), CR or LF, or an edge space', () => {
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField('"')).toBe('""""');
  });

  it('writes empty for null and undefined, numbers and booleans as themselves', () => {
    expect(csvRecord([null, undefined, '', 0, 12, 0.25, true, false])).toBe(',,,0,12,0.25,true,false\r\n');
  });

  it('keeps numbers the exporter writes as numbers, negative ones included; NaN and Infinity are text', () => {
    expect(csvField(-20)).toBe('-20');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(Number.NaN)).toBe('NaN');
    expect(csvField(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
  });

  it('neutralises text a spreadsheet would run as a formula: = + - @ tab CR', () => {
    for (const start of ['=', '+', '-', '@', '\t']) {
      expect(csvField(`${start}HYPERLINK("http://x")`)).toBe(`"'${start}HYPERLINK(""http://x"")"`);
    }
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-20')).toBe("'-20"); // text that looks like a number is still text
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\rcmd')).toBe('"\'\rcmd"');
    expect(csvField('a=b')).toBe('a=b');
    expect(neutraliseFormula('')).toBe('');
    expect(neutraliseFormula("'already")).toBe("'already");
  });

  it('writes unicode unchanged (no quoting needed, nothing normalised)', () => {
    expect(csvField('Zoë Ångström')).toBe('Zoë Ångström');
    expect(csvField('東京大学')).toBe('東京大学');
    expect(csvField('👩‍💻, dev')).toBe('"👩‍💻, dev"');
    expect(csvField('e\u0301')).toBe('e\u0301');
  });

  it('writes a header naming each column and rows in column order', () => {
    const columns: CsvColumn<{ id: string; score: number | null }>[] = [
      { header: 'id', value: (r) => r.id },
      { header: 'score', value: (r) => r.score },
    ];
    expect(csvHeader(columns)).toBe('id,score\r\n');
    expect(csvRow(columns, { id: '=x', score: null })).toBe("'=x,\r\n");
    expect(csvRow(columns, { id: 'i-1', score: 4.5 })).toBe('i-1,4.5\r\n');
  });

  it('names the download: an ASCII filename and the exact one as filename*', () => {
    expect(attachmentDisposition('cohort-c1-interns.csv')).toBe(
      `attachment; filename="cohort-c1-interns.csv"; filename*=UTF-8''cohort-c1-interns.csv`,
    );
    expect(attachmentDisposition('a "b";é.csv')).toBe(
      `attachment; filename="a__b___.csv"; filename*=UTF-8''a%20%22b%22%3B%C3%A9.csv`,
    );
  });
});
