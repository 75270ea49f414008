// Reading RFC 4180 CSV. Lines without a quote (nearly every line of a large export) are split with
// String.split, which is what keeps the 41 MB Pol.is votes file fast; a line with a quote, or a lone CR, goes
// through the character-by-character state machine, which may run on over line breaks inside quotes.

/** How to read a file. */
export interface CsvReadOptions {
  /** Field separator, one character other than a quote, CR or LF. Default `,`; Pabulib uses `;`. */
  readonly delimiter?: string;
  /**
   * `strict` (default, RFC 4180): a quote inside an unquoted field, or anything but a separator or line end
   * after a closing quote, is an error. `lenient`: a quote is special only at the start of a field; other
   * quotes, and text after a closing quote, are kept as they are (what the sortition and text readers did).
   */
  readonly quotes?: 'strict' | 'lenient';
}

/** A syntax error, with the 1-based line and column (in UTF-16 code units) where it is. */
export interface CsvSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** One record: its fields and the 1-based physical line where it starts. */
export interface CsvRow {
  readonly line: number;
  readonly fields: string[];
}

/** What `parseCsv` returns: every record, or the first syntax error (never part of a file). */
export type CsvParse = { readonly ok: true; readonly rows: CsvRow[] } | { readonly ok: false; readonly error: CsvSyntaxError };

/**
 * Called for each record in order. Return `false` to stop reading (the rest of the file is not checked).
 * `fields` is a fresh array the callback may keep.
 */
export type CsvRowCallback = (fields: string[], line: number) => boolean | void;

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Reads CSV text record by record: a leading byte-order mark is dropped, records end at CRLF, LF or CR, quoted
 * fields may hold separators, doubled quotes and line breaks. Empty lines are skipped (a line holding only
 * spaces is a record with one field). Returns null when the whole text was read (or the callback stopped it),
 * else the first syntax error; records before the error have already been passed to `onRow`.
 */
export function readCsv(text: string, onRow: CsvRowCallback, options: CsvReadOptions = {}): CsvSyntaxError | null {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new RangeError(`CSV delimiter must be one character other than a quote or line break (got ${JSON.stringify(delimiter)})`);
  }
  const strict = (options.quotes ?? 'strict') === 'strict';
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Next quote and CR at or after i (-1: none left), searched again only once i has passed them.
  let nextQuote = text.indexOf('"', i);
  let nextCr = text.indexOf('\r', i);
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let stop = end;
    if (stop > i && text.charCodeAt(stop - 1) === CR) stop--;
    if (stop === i) {
      // An empty line (LF or CRLF).
      i = end + 1;
      line++;
      continue;
    }
    if (nextQuote >= 0 && nextQuote < i) nextQuote = text.indexOf('"', i);
    if (nextCr >= 0 && nextCr < i) nextCr = text.indexOf('\r', i);
    if ((nextQuote < 0 || nextQuote >= stop) && (nextCr < 0 || nextCr >= stop)) {
      if (onRow(text.slice(i, stop).split(delimiter), line) === false) return null;
      i = end + 1;
      line++;
      continue;
    }
    const state = { i, line };
    const result = readRecord(text, state, delimiter, strict);
    if ('message' in result) return result;
    if (result.length > 0 && onRow(result, line) === false) return null;
    i = state.i;
    line = state.line;
  }
  return null;
}

/**
 * Reads one record from `state.i` with the full state machine; moves `state` past its line end. Returns the
 * fields (an empty array for a line that is empty but for a lone CR) or a syntax error.
 */
function readRecord(text: string, state: { i: number; line: number }, delimiter: string, strict: boolean): string[] | CsvSyntaxError {
  const n = text.length;
  const sep = delimiter.charCodeAt(0);
  const fields: string[] = [];
  let i = state.i;
  let line = state.line;
  let lineStart = lineStartOf(text, i);
  let field = '';
  let fieldStart = true;
  let any = false;
  for (;;) {
    if (i >= n) {
      if (any || field !== '' || fields.length > 0) fields.push(field);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === QUOTE && fieldStart) {
      const openLine = line;
      const openColumn = i - lineStart + 1;
      i++;
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return { line: openLine, column: openColumn, message: 'quoted field is not closed' };
      fieldStart = false;
      any = true;
      const next = text.charCodeAt(i);
      if (strict && i < n && next !== sep && next !== CR && next !== LF) {
        return { line, column: i - lineStart + 1, message: 'unexpected character after a closing quote' };
      }
      continue;
    }
    if (c === sep) {
      fields.push(field);
      field = '';
      fieldStart = true;
      any = true;
      i++;
      continue;
    }
    if (c === CR || c === LF) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      if (any || field !== '' || fields.length > 0) fields.push(field);
      break;
    }
    if (c === QUOTE && strict) return { line, column: i - lineStart + 1, message: 'quote inside an unquoted field' };
    field += text[i];
    fieldStart = false;
    i++;
  }
  state.i = i;
  state.line = line;
  return fields;
}

function lineStartOf(text: string, i: number): number {
  const lf = text.lastIndexOf('\n', i - 1);
  const cr = text.lastIndexOf('\r', i - 1);
  return Math.max(lf, cr) + 1;
}

/** Reads every record of `text` (see `readCsv`): all rows with their lines, or the first syntax error. */
export function parseCsv(text: string, options: CsvReadOptions = {}): CsvParse {
  const rows: CsvRow[] = [];
  const error = readCsv(text, (fields, line) => {
    rows.push({ line, fields });
  }, options);
  return error ? { ok: false, error } : { ok: true, rows };
}

/** A syntax error as one sentence: "line 3, column 7: quoted field is not closed". */
export function describeCsvError(error: CsvSyntaxError): string {
  return `line ${error.line}, column ${error.column}: ${error.message}`;
}
