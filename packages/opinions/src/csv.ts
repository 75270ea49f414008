/**
 * Opinions' CSV shapes over @tingsted/csv, the one reader and writer: records with their line numbers and a
 * `malformed-csv` failure in the same shape as the Pol.is readers' other errors (`ReadError`), so an import can
 * report every problem the same way. No parsing of its own.
 */
import { csvField as field, parseCsv as parse, writeCsv as write, type CsvRow, type CsvValue } from '@tingsted/csv';

/** One parsed CSV record with the 1-based line number where it starts. */
export type CsvRecord = CsvRow;

/** The outcome of parsing CSV text: records, or the line of the first malformed place. */
export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; reason: 'malformed-csv'; detail: string; line: number };

/** Parses CSV text into records (header included as the first record) with @tingsted/csv; empty lines are skipped. */
export function parseCsv(text: string): CsvParse {
  const r = parse(text);
  if (!r.ok) return { ok: false, reason: 'malformed-csv', detail: `${r.error.message} on line ${r.error.line}, column ${r.error.column}`, line: r.error.line };
  return { ok: true, records: r.rows };
}

/** Quotes a value for CSV when it must be quoted (see @tingsted/csv's `csvField`). */
export function csvField(value: CsvValue): string {
  return field(value);
}

/** Writes rows as CSV text with LF line endings and a final newline. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string {
  return write(rows);
}
