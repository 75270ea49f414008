// Reading a CSV file of inputs for the CLI and the platform's imports, through @tingsted/csv. Takes a string
// (no file system), returns either every row or a clear error naming the line: never a partial load.
import { describeCsvError, parseCsv } from '@tingsted/csv';

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
 * Reads a CSV of inputs with a header row containing `id` and `text` (and `label` when
 * `requireLabel`). Other columns become `meta`. Errors: a missing column, a row with the wrong number
 * of fields, a duplicate id (naming both lines). Empty texts are kept and listed in `warnings`.
 */
export function readInputsCsv(content: string, options: { requireLabel?: boolean } = {}): ReadResult {
  // Lenient quotes: a quote inside an unquoted field is kept, as this reader always did.
  const parsed = parseCsv(content, { quotes: 'lenient' });
  if (!parsed.ok) return { ok: false, reason: 'malformed', detail: describeCsvError(parsed.error) };
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
