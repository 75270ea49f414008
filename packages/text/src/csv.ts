// CSV reading for the CLI and the platform's imports. Takes a string (no file system), returns either
// every row or a clear error naming the line: never a partial load.

/** One parsed record: `id`, `text`, optional `label`, and every other column as metadata. */
export interface InputRecord {
  id: string;
  text: string;
  label?: string;
  meta: Record<string, string>;
}

/** Result of reading a CSV file of inputs. `warnings` name rows that are kept but suspicious. */
export type ReadResult =
  | { ok: true; records: InputRecord[]; warnings: string[] }
  | { ok: false; reason: 'missing-column' | 'malformed' | 'duplicate-id' | 'empty'; detail: string };

/**
 * Parses RFC 4180 CSV (quoted fields may contain commas, quotes as "" and line breaks; CRLF or LF).
 * Returns rows of fields with the 1-based line on which each row starts, or an error for an unclosed
 * quote.
 */
export function parseCsv(
  input: string,
  delimiter = ',',
): { ok: true; rows: { line: number; fields: string[] }[] } | { ok: false; detail: string } {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  let fieldStarted = false;
  while (i < n) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (fieldStarted || field !== '' || fields.length > 0) {
        fields.push(field);
        rows.push({ line: rowLine, fields });
      }
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      rowLine = line;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (inQuotes) return { ok: false, detail: `unclosed quote in the row starting on line ${rowLine}` };
  if (fieldStarted || field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return { ok: true, rows };
}

/**
 * Reads a CSV of inputs with a header row containing `id` and `text` (and `label` when
 * `requireLabel`). Other columns become `meta`. Errors: a missing column, a row with the wrong number
 * of fields, a duplicate id (naming both lines). Empty texts are kept and listed in `warnings`.
 */
export function readInputsCsv(content: string, options: { requireLabel?: boolean } = {}): ReadResult {
  const parsed = parseCsv(content);
  if (!parsed.ok) return { ok: false, reason: 'malformed', detail: parsed.detail };
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, reason: 'empty', detail: 'the file has no header row' };
  const names = header.fields.map((f) => f.trim());
  const idCol = names.indexOf('id');
  const textCol = names.indexOf('text');
  const labelCol = names.indexOf('label');
  const missing: string[] = [];
  if (idCol < 0) missing.push('id');
  if (textCol < 0) missing.push('text');
  if (options.requireLabel && labelCol < 0) missing.push('label');
  if (missing.length > 0) {
    return {
      ok: false,
      reason: 'missing-column',
      detail: `header (line ${header.line}) lacks column(s) ${missing.map((m) => `"${m}"`).join(', ')}; found: ${names.join(', ')}`,
    };
  }
  const records: InputRecord[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    if (row.fields.length !== names.length) {
      return {
        ok: false,
        reason: 'malformed',
        detail: `line ${row.line}: expected ${names.length} fields, found ${row.fields.length}`,
      };
    }
    const id = (row.fields[idCol] as string).trim();
    if (id === '') return { ok: false, reason: 'malformed', detail: `line ${row.line}: empty id` };
    const prev = seen.get(id);
    if (prev !== undefined) {
      return { ok: false, reason: 'duplicate-id', detail: `id "${id}" appears on line ${prev} and line ${row.line}` };
    }
    seen.set(id, row.line);
    const text = row.fields[textCol] as string;
    if (text.trim() === '') warnings.push(`line ${row.line}: id "${id}" has an empty text`);
    const meta: Record<string, string> = {};
    names.forEach((name, j) => {
      if (j !== idCol && j !== textCol && j !== labelCol) meta[name] = row.fields[j] as string;
    });
    const rec: InputRecord = { id, text, meta };
    if (labelCol >= 0) {
      const label = (row.fields[labelCol] as string).trim();
      if (options.requireLabel && label === '') {
        return { ok: false, reason: 'malformed', detail: `line ${row.line}: id "${id}" has an empty label` };
      }
      rec.label = label;
    }
    records.push(rec);
  }
  if (records.length === 0) return { ok: false, reason: 'empty', detail: 'the file has a header but no rows' };
  return { ok: true, records, warnings };
}
