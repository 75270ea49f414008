/**
 * Minimal RFC 4180 CSV reading and writing: quoted fields, doubled quotes, CRLF or LF, newlines inside quotes.
 */

/** One parsed CSV record with the 1-based line number where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** The outcome of parsing CSV text: records, or the line of the first malformed place. */
export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; reason: 'malformed-csv'; detail: string; line: number };

/**
 * Parses CSV text into records (header included as the first record). Blank lines are skipped.
 * An unterminated quote or a stray quote inside an unquoted field is an error naming the line.
 */
export function parseCsv(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let endOfRecord = false;
    let fieldStarted = false;
    while (!endOfRecord) {
      if (i >= n) { fields.push(field); break; }
      const ch = text[i];
      if (ch === '"' && !fieldStarted) {
        i++;
        fieldStarted = true;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
            i++; closed = true; break;
          }
          if (c === '\n') line++;
          field += c; i++;
        }
        if (!closed) return { ok: false, reason: 'malformed-csv', detail: `unterminated quoted field starting on line ${startLine}`, line: startLine };
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          return { ok: false, reason: 'malformed-csv', detail: `unexpected character after closing quote on line ${line}`, line };
        }
        continue;
      }
      if (ch === ',') { fields.push(field); field = ''; fieldStarted = false; i++; continue; }
      if (ch === '\r' || ch === '\n') {
        fields.push(field);
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++; line++;
        endOfRecord = true;
        continue;
      }
      if (ch === '"') return { ok: false, reason: 'malformed-csv', detail: `stray quote inside an unquoted field on line ${line}`, line };
      field += ch; fieldStarted = true; i++;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: startLine, fields });
  }
  return { ok: true, records };
}

/** Quotes a value for CSV when it contains a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as CSV text with LF line endings and a final newline. */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  let out = '';
  for (const row of rows) out += row.map(csvField).join(',') + '\n';
  return out;
}
