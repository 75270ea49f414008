// Reading CSV from bytes as they arrive (a file read chunk by chunk), with the same rules as `readCsv`.
// Records are handed over as a view on the bytes (field start and end offsets), so a caller that needs only
// numbers never builds a string, and one that needs text decodes only the fields it uses. Memory is bounded:
// only the record being read is kept between chunks, and a record longer than `maxRecordBytes` (a quote left
// open in a truncated file, or a file that is not CSV) is an error naming the line where it starts.
import type { CsvReadOptions, CsvSyntaxError } from './read.ts';

/** How to read a byte stream: the options of `readCsv` and a limit on one record's size. */
export interface CsvStreamOptions extends CsvReadOptions {
  /** Longest record accepted, in bytes (default 8 MiB). Longer is an error, so memory stays bounded. */
  readonly maxRecordBytes?: number;
}

/** Called for each record in order; the view is valid only during the call. Return `false` to stop. */
export type CsvRecordCallback = (record: CsvRecordView) => boolean | void;

/** A CSV reader fed with chunks of UTF-8 bytes. */
export interface CsvStream {
  /** Reads the complete records in `chunk` (which the caller may reuse afterwards); the first syntax error, else null. */
  push(chunk: Uint8Array): CsvSyntaxError | null;
  /** The input is complete: reads the last record; the first syntax error, else null. */
  end(): CsvSyntaxError | null;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

const utf8 = new TextDecoder('utf-8');

function decode(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 24) {
    let s = '';
    for (let k = start; k < end; k++) {
      const c = buf[k]!;
      if (c >= 128) return utf8.decode(buf.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(buf.subarray(start, end));
}

/** One record: its 1-based starting line and its fields, read from the bytes on demand. */
export class CsvRecordView {
  /** Physical line where the record starts. */
  line = 0;
  /** Number of fields. */
  count = 0;
  /** @internal */ buf: Uint8Array = new Uint8Array(0);
  /** @internal */ starts = new Int32Array(16);
  /** @internal */ ends = new Int32Array(16);
  /** @internal Fields that needed unescaping ("" or, with lenient quotes, text after a closing quote). */
  special: (string | undefined)[] = [];

  /** Field `i` as text (quotes removed, `""` as `"`); '' past the last field. */
  text(i: number): string {
    if (i >= this.count) return '';
    return this.special[i] ?? decode(this.buf, this.starts[i]!, this.ends[i]!);
  }

  /** Whether field `i` is missing or holds only spaces and tabs. */
  isBlank(i: number): boolean {
    if (i >= this.count) return true;
    const sp = this.special[i];
    if (sp !== undefined) return sp.trim() === '';
    for (let k = this.starts[i]!; k < this.ends[i]!; k++) {
      const c = this.buf[k]!;
      if (c !== SPACE && c !== TAB) return false;
    }
    return true;
  }

  /**
   * Field `i` as a number when it is an integer written plainly (what ids look like): after trimming spaces,
   * `0` or an optional minus and 1–15 digits without a leading zero. NaN otherwise (read it with `text`).
   */
  plainInteger(i: number): number {
    if (i >= this.count || this.special[i] !== undefined) return NaN;
    const buf = this.buf;
    let k = this.starts[i]!;
    let e = this.ends[i]!;
    while (k < e && (buf[k] === SPACE || buf[k] === TAB)) k++;
    while (e > k && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
    const neg = k < e && buf[k] === MINUS;
    if (neg) k++;
    const digits = e - k;
    if (digits < 1 || digits > 15 || (buf[k] === ZERO && (digits > 1 || neg))) return NaN;
    let v = 0;
    for (; k < e; k++) {
      const c = buf[k]!;
      if (c < ZERO || c > NINE) return NaN;
      v = v * 10 + (c - ZERO);
    }
    return neg ? -v : v;
  }

  /**
   * Field `i` as an integer, read from the bytes without building a string: optional spaces, an optional minus,
   * digits, optionally `.` and zeros (`3.0`), optional spaces. NaN for anything else (or a missing field).
   */
  integer(i: number): number {
    if (i >= this.count) return NaN;
    const sp = this.special[i];
    if (sp !== undefined) {
      const t = sp.trim();
      return /^-?\d+(\.0+)?$/.test(t) ? Number(t) : NaN;
    }
    const buf = this.buf;
    let k = this.starts[i]!;
    let e = this.ends[i]!;
    while (k < e && (buf[k] === SPACE || buf[k] === TAB)) k++;
    while (e > k && (buf[e - 1] === SPACE || buf[e - 1] === TAB)) e--;
    let neg = false;
    if (k < e && buf[k] === MINUS) {
      neg = true;
      k++;
    }
    if (k >= e) return NaN;
    let v = 0;
    let digits = 0;
    for (; k < e; k++) {
      const c = buf[k]!;
      if (c < ZERO || c > NINE) break;
      v = v * 10 + (c - ZERO);
      digits++;
    }
    if (digits === 0) return NaN;
    if (k < e) {
      if (buf[k] !== DOT || k + 1 >= e) return NaN;
      for (k++; k < e; k++) if (buf[k] !== ZERO) return NaN;
    }
    return neg ? -v : v;
  }
}

/**
 * Creates a CSV reader for a byte stream (UTF-8). Same rules as `readCsv`: a leading byte-order mark is dropped,
 * records end at CRLF, LF or CR, quoted fields may hold separators, doubled quotes and line breaks, empty lines
 * are skipped; errors give the line and column (in UTF-16 code units) and nothing after an error is read.
 */
export function createCsvStream(onRecord: CsvRecordCallback, options: CsvStreamOptions = {}): CsvStream {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n' || delimiter.charCodeAt(0) > 127) {
    throw new RangeError(`CSV delimiter must be one ASCII character other than a quote or line break (got ${JSON.stringify(delimiter)})`);
  }
  const sep = delimiter.charCodeAt(0);
  const strict = (options.quotes ?? 'strict') === 'strict';
  const maxRecord = options.maxRecordBytes ?? 8 * 1024 * 1024;
  const view = new CsvRecordView();
  // The bytes being read: the record left over from the last chunk (from carryStart, carryLength bytes),
  // then the new chunk. One buffer, grown when needed and reused, so a stream allocates almost nothing.
  let work = new Uint8Array(0);
  let carryStart = 0;
  let carryLength = 0;
  let line = 1;
  let first = true;
  let done: CsvSyntaxError | null | undefined;

  const column = (buf: Uint8Array, recordStart: number, at: number): number => {
    let ls = recordStart;
    for (let k = at - 1; k >= recordStart; k--) {
      if (buf[k] === LF) {
        ls = k + 1;
        break;
      }
    }
    return utf8.decode(buf.subarray(ls, at)).length + 1;
  };

  const addField = (start: number, end: number, special: string | undefined): void => {
    const n = view.count;
    if (n === view.starts.length) {
      const s = new Int32Array(n * 2);
      s.set(view.starts);
      view.starts = s;
      const e = new Int32Array(n * 2);
      e.set(view.ends);
      view.ends = e;
    }
    view.starts[n] = start;
    view.ends[n] = end;
    view.special[n] = special;
    view.count = n + 1;
  };

  const tooLong = (): CsvSyntaxError => ({ line, column: 1, message: `record longer than ${maxRecord} bytes (a line end missing, or not a CSV file?)` });

  // Reads the records of buf; returns the offset where an incomplete record starts (buf.length when none;
  // -1 when the callback stopped), or an error. `final`: no more input follows.
  const scan = (buf: Uint8Array, final: boolean): number | CsvSyntaxError => {
    const n = buf.length;
    let pos = 0;
    if (first) {
      if (n < 3 && !final) return 0;
      if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      first = false;
    }
    view.buf = buf;
    records: while (pos < n) {
      let i = pos;
      let lines = 0;
      // The field being read: from fStart to fEnd (-1: to the separator), `special` when it needed unescaping.
      let fStart = i;
      let fEnd = -1;
      let special: string | undefined;
      let quoted = false;
      view.count = 0;
      for (;;) {
        if (i >= n) {
          if (!final) return n - pos > maxRecord ? tooLong() : pos;
          if (i > fStart || view.count > 0 || quoted) {
            addField(fStart, fEnd >= 0 ? fEnd : i, special);
            view.line = line;
            line += lines;
            if (onRecord(view) === false) return -1;
          }
          return n;
        }
        const c = buf[i]!;
        if (c === sep) {
          addField(fStart, fEnd >= 0 ? fEnd : i, special);
          i++;
          fStart = i;
          fEnd = -1;
          special = undefined;
          quoted = false;
          continue;
        }
        if (c === LF || c === CR) {
          if (c === CR && i + 1 >= n && !final) return n - pos > maxRecord ? tooLong() : pos;
          const next = c === CR && buf[i + 1] === LF ? i + 2 : i + 1;
          lines++;
          if (view.count === 0 && i === fStart && !quoted) {
            // An empty line.
            line += lines;
            pos = next;
            continue records;
          }
          addField(fStart, fEnd >= 0 ? fEnd : i, special);
          view.line = line;
          line += lines;
          pos = next;
          if (onRecord(view) === false) return -1;
          continue records;
        }
        if (c === QUOTE && i === fStart) {
          const openLine = line + lines;
          let j = i + 1;
          let escaped = false;
          let close = -1;
          for (;;) {
            const q = buf.indexOf(QUOTE, j);
            if (q < 0) break;
            if (q + 1 >= n && !final) break; // is it "" or a closing quote? The next chunk tells.
            if (buf[q + 1] === QUOTE) {
              escaped = true;
              j = q + 2;
              continue;
            }
            close = q;
            break;
          }
          if (close < 0) {
            if (!final) {
              if (n - pos <= maxRecord) return pos;
              return { line: openLine, column: column(buf, pos, i), message: `quoted field is not closed within ${maxRecord} bytes` };
            }
            return { line: openLine, column: column(buf, pos, i), message: 'quoted field is not closed' };
          }
          for (let k = buf.indexOf(LF, i + 1); k >= 0 && k < close; k = buf.indexOf(LF, k + 1)) lines++;
          let end = close + 1;
          const after = end < n ? buf[end]! : -1;
          if (after !== -1 && after !== sep && after !== CR && after !== LF) {
            if (strict) return { line: line + lines, column: column(buf, pos, end), message: 'unexpected character after a closing quote' };
            // Lenient: the text up to the next separator or line end belongs to the field.
            while (end < n && buf[end] !== sep && buf[end] !== CR && buf[end] !== LF) end++;
            if (end >= n && !final) return n - pos > maxRecord ? tooLong() : pos;
            special = decode(buf, i + 1, close).replace(/""/g, '"') + decode(buf, close + 1, end);
          } else if (escaped) special = decode(buf, i + 1, close).replace(/""/g, '"');
          quoted = true;
          fStart = i + 1;
          fEnd = close;
          i = end;
          continue;
        }
        if (c === QUOTE && strict) return { line: line + lines, column: column(buf, pos, i), message: 'quote inside an unquoted field' };
        i++;
      }
    }
    return n;
  };

  const feed = (chunk: Uint8Array, final: boolean): CsvSyntaxError | null => {
    if (done !== undefined) return done;
    const need = carryLength + chunk.length;
    if (work.length < need) {
      const grown = new Uint8Array(Math.max(need, work.length * 2, 1 << 16));
      grown.set(work.subarray(carryStart, carryStart + carryLength));
      work = grown;
    } else if (carryStart > 0) work.copyWithin(0, carryStart, carryStart + carryLength);
    work.set(chunk, carryLength);
    const buf = work.subarray(0, need);
    const r = scan(buf, final);
    if (typeof r !== 'number') {
      done = r;
      return r;
    }
    if (r < 0) {
      done = null;
      return null;
    }
    carryStart = r;
    carryLength = need - r;
    if (final) done = null;
    return null;
  };

  return {
    push: (chunk) => feed(chunk, false),
    end: () => feed(new Uint8Array(0), true),
  };
}
