/**
 * CSV in the formats of the Sortition Foundation tools. Readers take text and return either everything or
 * an error listing every problem with its line number: nothing is ever partially loaded.
 *
 * Categories: `category,feature,min,max` (Flanigan et al. replication data: "feature" is the value) or
 * `feature,value,min,max[,min_flex,max_flex]` (Sortition Foundation `sortition-algorithms`).
 * People: one row per pool member, a column per category (header matched exactly, else
 * case-insensitively), ids from an id column or the 0-based row index.
 */
import { readCsv, writeCsv } from '@tingsted/csv';
import { householdKey, normaliseValue, type Category, type Person, type QuotaValue } from './model.ts';

/** One problem found in a CSV file. `line` is the 1-based physical line where the record starts. */
export interface CsvIssue {
  readonly line: number;
  readonly message: string;
}

/** A CSV file that could not be loaded. */
export interface CsvError {
  readonly ok: false;
  readonly reason: 'invalid-csv';
  /** All issues, one per line, joined. */
  readonly detail: string;
  readonly issues: readonly CsvIssue[];
}

/** A parsed record with the line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

/** Parsed CSV: header and records (blank lines dropped). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

function csvError(issues: CsvIssue[], what: string): CsvError {
  const shown = issues.slice(0, 50);
  const more = issues.length > shown.length ? `\n… and ${issues.length - shown.length} more` : '';
  return {
    ok: false,
    reason: 'invalid-csv',
    issues,
    detail: `${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}, nothing loaded\n` + shown.map((i) => `line ${i.line}: ${i.message}`).join('\n') + more,
  };
}

/**
 * Reads a file with a header row through @tingsted/csv (RFC 4180; BOM, CRLF or LF, quoted fields with commas,
 * doubled quotes and line breaks). Quotes are read leniently, as the Sortition Foundation tools do: a quote
 * inside an unquoted field is kept. Lines holding only white space are dropped like empty ones.
 */
export function readCsvTable(text: string, what = 'CSV'): { ok: true; table: CsvTable } | CsvError {
  const records: CsvRecord[] = [];
  const error = readCsv(text, (fields, line) => {
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push({ line, fields });
  }, { quotes: 'lenient' });
  if (error) return csvError([{ line: error.line, message: `${error.message} (column ${error.column})` }], what);
  const [head, ...rest] = records;
  if (!head) return csvError([{ line: 1, message: 'file is empty (no header row)' }], what);
  return { ok: true, table: { header: head.fields.map((h) => h.trim()), records: rest } };
}

/** Column layout of a categories file. */
export type CategoriesFormat = 'category-feature' | 'feature-value';

const WHOLE = /^\d+$/;

/**
 * Reads a categories file. Accepts headers `category,feature,min,max`, `feature,value,min,max` with optional
 * `min_flex,max_flex`, and `category,name,min,max` (case-insensitive, any column order). Categories keep
 * the order of their first appearance.
 */
export function readCategoriesCsv(text: string): { ok: true; categories: Category[]; format: CategoriesFormat } | CsvError {
  const parsed = readCsvTable(text, 'categories file');
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const lower = header.map((h) => h.toLowerCase());
  const col = (name: string): number => lower.indexOf(name);
  let categoryCol: number;
  let valueCol: number;
  let format: CategoriesFormat;
  if (col('category') >= 0 && col('feature') >= 0) {
    [categoryCol, valueCol, format] = [col('category'), col('feature'), 'category-feature'];
  } else if (col('feature') >= 0 && col('value') >= 0) {
    [categoryCol, valueCol, format] = [col('feature'), col('value'), 'feature-value'];
  } else if (col('category') >= 0 && col('name') >= 0) {
    [categoryCol, valueCol, format] = [col('category'), col('name'), 'category-feature'];
  } else {
    return csvError([{ line: 1, message: `header must contain "category,feature" or "feature,value" (found: ${header.join(',')})` }], 'categories file');
  }
  const minCol = col('min');
  const maxCol = col('max');
  const missing = [minCol < 0 ? 'min' : '', maxCol < 0 ? 'max' : ''].filter((s) => s !== '');
  if (missing.length > 0) return csvError([{ line: 1, message: `missing column(s): ${missing.join(', ')}` }], 'categories file');
  const minFlexCol = col('min_flex');
  const maxFlexCol = col('max_flex');
  const issues: CsvIssue[] = [];
  const byName = new Map<string, QuotaValue[]>();
  const order: string[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const get = (c: number): string => (c >= 0 ? (fields[c] ?? '').trim() : '');
    const category = get(categoryCol);
    const value = get(valueCol);
    if (fields.length !== header.length) {
      issues.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
      continue;
    }
    if (category === '' || value === '') {
      issues.push({ line, message: 'empty category or value' });
      continue;
    }
    const numbers: Record<string, number | undefined> = {};
    let bad = false;
    for (const [name, c] of [['min', minCol], ['max', maxCol], ['min_flex', minFlexCol], ['max_flex', maxFlexCol]] as const) {
      if (c < 0) continue;
      const raw = get(c);
      if (raw === '' && (name === 'min_flex' || name === 'max_flex')) continue;
      if (!WHOLE.test(raw)) {
        issues.push({ line, message: `${name} "${raw}" is not a whole number ≥ 0` });
        bad = true;
      } else numbers[name] = Number(raw);
    }
    if (bad) continue;
    const min = numbers['min']!;
    const max = numbers['max']!;
    if (min > max) {
      issues.push({ line, message: `min ${min} is greater than max ${max}` });
      continue;
    }
    const key = `${category}\u001f${normaliseValue(value)}`;
    const dup = seen.get(key);
    if (dup !== undefined) {
      issues.push({ line, message: `${category}=${value} already defined on line ${dup}` });
      continue;
    }
    seen.set(key, line);
    const q: QuotaValue = {
      value,
      min,
      max,
      ...(numbers['min_flex'] !== undefined ? { minFlex: numbers['min_flex'] } : {}),
      ...(numbers['max_flex'] !== undefined ? { maxFlex: numbers['max_flex'] } : {}),
    };
    const list = byName.get(category);
    if (list) list.push(q);
    else {
      byName.set(category, [q]);
      order.push(category);
    }
  }
  if (records.length === 0) issues.push({ line: 1, message: 'no quota rows' });
  if (issues.length > 0) return csvError(issues, 'categories file');
  return { ok: true, format, categories: order.map((name) => ({ name, values: byName.get(name)! })) };
}

/** Options for reading a people file. */
export interface PeopleCsvOptions {
  /** Column holding the id; without it the id is the 0-based row index ("0", "1", …). */
  readonly idColumn?: string;
  /** Address columns; people whose trimmed, case-folded values all match share a household. */
  readonly householdColumns?: readonly string[];
}

/** A loaded people file: the people, plus the raw table (to write selected / remaining files). */
export interface PeopleCsv {
  readonly ok: true;
  readonly people: Person[];
  readonly table: CsvTable;
}

/**
 * Reads a people file against the categories. Every row must have a listed value for every category;
 * ids must be unique and non-empty. All problems are reported with line numbers and nothing is loaded.
 */
export function readPeopleCsv(text: string, categories: readonly Category[], options: PeopleCsvOptions = {}): PeopleCsv | CsvError {
  const parsed = readCsvTable(text, 'people file');
  if (!parsed.ok) return parsed;
  const { header, records } = parsed.table;
  const issues: CsvIssue[] = [];
  const findColumn = (name: string): number => {
    const exact = header.indexOf(name);
    if (exact >= 0) return exact;
    const folded = header.map((h, i) => [h.toLowerCase(), i] as const).filter(([h]) => h === name.trim().toLowerCase());
    return folded.length === 1 ? folded[0]![1] : -1;
  };
  const categoryCols = categories.map((c) => findColumn(c.name));
  categories.forEach((c, i) => {
    if (categoryCols[i]! < 0) issues.push({ line: 1, message: `missing column for category "${c.name}"` });
  });
  const idCol = options.idColumn !== undefined ? findColumn(options.idColumn) : -1;
  if (options.idColumn !== undefined && idCol < 0) issues.push({ line: 1, message: `missing id column "${options.idColumn}"` });
  const householdCols = (options.householdColumns ?? []).map((name) => {
    const c = findColumn(name);
    if (c < 0) issues.push({ line: 1, message: `missing household column "${name}"` });
    return c;
  });
  if (issues.length > 0) return csvError(issues, 'people file');
  const allowed = categories.map((c) => new Map(c.values.map((v) => [normaliseValue(v.value), v.value] as const)));
  const people: Person[] = [];
  const ids = new Map<string, number>();
  records.forEach(({ line, fields }, row) => {
    if (fields.length !== header.length) {
      issues.push({ line, message: `expected ${header.length} fields, found ${fields.length}` });
      return;
    }
    const id = idCol >= 0 ? (fields[idCol] ?? '').trim() : String(row);
    if (id === '') {
      issues.push({ line, message: 'empty id' });
      return;
    }
    const dup = ids.get(id);
    if (dup !== undefined) {
      issues.push({ line, message: `duplicate id "${id}" (first on line ${dup})` });
      return;
    }
    ids.set(id, line);
    const values: Record<string, string> = {};
    let bad = false;
    categories.forEach((c, i) => {
      const raw = (fields[categoryCols[i]!] ?? '').trim();
      const canonical = allowed[i]!.get(normaliseValue(raw));
      if (canonical === undefined) {
        issues.push({ line, message: `unknown value "${raw}" for category "${c.name}" (allowed: ${c.values.map((v) => v.value).join(', ')})` });
        bad = true;
      } else values[c.name] = canonical;
    });
    if (bad) return;
    const household = householdCols.length > 0 ? householdKey(householdCols.map((c) => fields[c] ?? '')) : undefined;
    people.push(household === undefined ? { id, values } : { id, values, household });
  });
  if (issues.length > 0) return csvError(issues, 'people file');
  return { ok: true, people, table: parsed.table };
}

/** Writes a header and rows as CSV (LF line ends, a final newline; fields quoted only when needed). */
function writeTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return writeCsv([header, ...rows]);
}

/** Writes categories in either Sortition Foundation layout (flex columns only in `feature-value`). */
export function writeCategoriesCsv(categories: readonly Category[], format: CategoriesFormat = 'feature-value'): string {
  const rows: string[][] = [];
  const flex = format === 'feature-value' && categories.some((c) => c.values.some((v) => v.minFlex !== undefined || v.maxFlex !== undefined));
  for (const c of categories) {
    for (const v of c.values) {
      const row = [c.name, v.value, String(v.min), String(v.max)];
      if (flex) row.push(String(v.minFlex ?? 0), String(v.maxFlex ?? v.max));
      rows.push(row);
    }
  }
  const header = format === 'feature-value' ? ['feature', 'value', 'min', 'max', ...(flex ? ['min_flex', 'max_flex'] : [])] : ['category', 'feature', 'min', 'max'];
  return writeTable(header, rows);
}

/**
 * Splits a people file into the selected and remaining people, keeping every original column, as the
 * Sortition Foundation tools do. `ids` come from `readPeopleCsv` with the same options.
 */
export function writeSelectedCsv(
  table: CsvTable,
  people: readonly Person[],
  panelIds: readonly string[],
): { selected: string; remaining: string } {
  const chosen = new Set(panelIds);
  const selected: string[][] = [];
  const remaining: string[][] = [];
  table.records.forEach((record, i) => {
    (chosen.has(people[i]!.id) ? selected : remaining).push([...record.fields]);
  });
  return { selected: writeTable(table.header, selected), remaining: writeTable(table.header, remaining) };
}
