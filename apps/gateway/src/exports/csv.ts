/**
 * CSV encoding for the gateway's exports: RFC 4180 with CRLF line ends, and safe to open in a
 * spreadsheet. Pure: no I/O.
 *
 *  - a field is quoted when it holds a comma, a double quote, CR or LF (or starts or ends with a
 *    space, which some readers trim); a double quote inside is doubled;
 *  - formula injection: a text cell starting with `=`, `+`, `-`, `@`, a tab or CR would be run as
 *    a formula by Excel, LibreOffice or Google Sheets; it is written with a leading `'`, which
 *    they show as text (OWASP's advice). Numbers the exporter writes itself (`number` cells,
 *    negative ones included) stay numbers;
 *  - `null`/`undefined` is an empty field; booleans are `true`/`false`; text is written as is
 *    (UTF-8, no normalisation); the HTTP response adds no byte-order mark.
 */

/** One cell: text (neutralised and quoted as needed), a number written by the exporter, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\r\n]|^ | $/;

export const CSV_LINE_END = '\r\n';

/** A text cell a spreadsheet would run as a formula, prefixed with `'`. */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/** One field of a record, encoded. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    // Only finite numbers are numbers; anything else is written as text.
    return Number.isFinite(cell) ? String(cell) : csvField(String(cell));
  }
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF line end. */
export function csvRecord(cells: readonly CsvCell[]): string {
  return cells.map(csvField).join(',') + CSV_LINE_END;
}

/** A column of an export: the header's name and how a row's cell is read. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
}

/** The header record of these columns. */
export function csvHeader<Row>(columns: readonly CsvColumn<Row>[]): string {
  return csvRecord(columns.map((c) => c.header));
}

/** One row as a record of these columns. */
export function csvRow<Row>(columns: readonly CsvColumn<Row>[], row: Row): string {
  return csvRecord(columns.map((c) => c.value(row)));
}

/**
 * The `content-disposition` of a download: an ASCII `filename` (anything else replaced by `_`)
 * and the exact name as `filename*` (RFC 6266 / 5987).
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
