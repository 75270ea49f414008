import { writeCsv } from '@tingsted/csv';

/**
 * A download for spreadsheets: every field quoted, CRLF, a BOM so Excel reads UTF-8, and a leading = + - @
 * prefixed with ' so a spreadsheet does not run it as a formula. Empty cells for null and undefined.
 */
export function spreadsheetCsv(rows: readonly (readonly unknown[])[]): string {
  return writeCsv(
    rows.map((row) => row.map((value) => (value === null || value === undefined ? '' : String(value)))),
    { quote: 'always', formulaGuard: true, lineEnding: '\r\n', bom: true },
  );
}
