// Writing CSV: a field is quoted only when it must be (or always, for spreadsheet exports that asked for it).

/** A value to write; null and undefined are written as an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/** How to write a file. */
export interface CsvWriteOptions {
  /** Field separator, default `,`. */
  readonly delimiter?: string;
  /** Line ending, default LF. Spreadsheet exports use CRLF (RFC 4180). */
  readonly lineEnding?: '\n' | '\r\n';
  /** `needed` (default): quote only fields that must be quoted; `always`: quote every field. */
  readonly quote?: 'needed' | 'always';
  /**
   * Prefix `'` to a field starting with `=`, `+`, `-` or `@`, so a spreadsheet does not run it as a formula
   * (CSV injection); such a field is always quoted. Default false: it changes the data, so only exports meant
   * for spreadsheets use it.
   */
  readonly formulaGuard?: boolean;
  /** Start with a UTF-8 byte-order mark (so Excel reads UTF-8). Default false. */
  readonly bom?: boolean;
  /** End with a line ending after the last record. Default true. */
  readonly finalNewline?: boolean;
}

const FORMULA = /^[=+\-@]/;

/**
 * One field as CSV. With `quote: 'needed'` a field is quoted when it holds the separator, a quote, CR or LF,
 * or starts or ends with white space (which readers that trim would lose); quotes inside are doubled.
 */
export function csvField(value: CsvValue, options: CsvWriteOptions = {}): string {
  let text = value === null || value === undefined ? '' : String(value);
  const guarded = options.formulaGuard === true && FORMULA.test(text);
  if (guarded) text = `'${text}`;
  const delimiter = options.delimiter ?? ',';
  const must =
    options.quote === 'always' ||
    guarded ||
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r') ||
    (text !== '' && text !== text.trim());
  return must ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records as CSV text (see `CsvWriteOptions` for the separator, line ending, quoting, BOM and last line end). */
export function writeCsv(rows: Iterable<readonly CsvValue[]>, options: CsvWriteOptions = {}): string {
  const eol = options.lineEnding ?? '\n';
  const delimiter = options.delimiter ?? ',';
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map((v) => csvField(v, options)).join(delimiter));
  const body = lines.join(eol) + (options.finalNewline === false || lines.length === 0 ? '' : eol);
  return options.bom ? `\ufeff${body}` : body;
}
