import { parseCsv, writeCsv, type CsvRow } from '@tingsted/csv';
import type { FieldError } from '../shared/result.ts';
import type { PanelCategory, PanelCategoryValue } from './panels.tables.ts';

/** One checked row of an address or population register. */
export interface RegisterRow {
  readonly line: number;
  readonly ref: string;
  readonly name: string;
  readonly address: string;
  readonly postcode: string;
  readonly city: string;
  readonly area: string;
  /** Age band and sex, when the register has the columns `age_band` and `sex` ('' otherwise): strata of the rounds. */
  readonly ageBand: string;
  readonly sex: string;
  /** Lower-cased address and postcode: people with the same key live in one household. */
  readonly household: string;
}

/**
 * At most this many problems are returned (a wrong file can have one on every row), the last line counting
 * the rest; the page lists the first few and counts the others.
 */
const shownProblems = 500;

function problem(field: string, message: string, params: Record<string, string | number>): FieldError {
  return { field, message, params };
}

/**
 * A file with a header row, read by @tingsted/csv. Quotes are lenient (a quote inside an unquoted field is
 * kept) and lines of only white space are dropped, as staff's files have always been read.
 */
function readHeaderAndRows(text: string): { ok: true; header: string[]; records: CsvRow[] } | { ok: false; line: number } {
  const parsed = parseCsv(text, { quotes: 'lenient' });
  if (!parsed.ok) return { ok: false, line: parsed.error.line };
  const [head, ...records] = parsed.rows.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (!head) return { ok: false, line: 1 };
  return { ok: true, header: head.fields.map((h) => h.trim()), records };
}

function columnsOf(header: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((name, i) => map.set(name.trim().toLowerCase(), i));
  return map;
}

/**
 * Reads a register CSV (`id,name,address,postcode[,city][,area][,age_band][,sex]`, comma-separated, header names
 * case-insensitive). Every row is checked before anything is returned: missing or malformed fields and
 * repeated ids are reported with their line numbers, so nothing is imported from a file with an error.
 */
export function readRegisterCsv(text: string): { ok: true; rows: RegisterRow[] } | { ok: false; errors: FieldError[] } {
  if (text.trim() === '') return { ok: false, errors: [problem('register', 'panels.register.empty', {})] };
  const parsed = readHeaderAndRows(text);
  if (!parsed.ok) return { ok: false, errors: [problem('register', 'panels.register.unreadable', { line: parsed.line })] };
  const columns = columnsOf(parsed.header);
  const missing = ['id', 'name', 'address', 'postcode'].filter((c) => !columns.has(c));
  if (missing.length > 0) return { ok: false, errors: [problem('register', 'panels.register.columns', { columns: missing.join(', ') })] };
  const at = (fields: readonly string[], column: string) => {
    const i = columns.get(column);
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const errors: FieldError[] = [];
  let problems = 0;
  const report = (line: number, column: string, message: string) => {
    problems++;
    if (errors.length < shownProblems) errors.push(problem('register', message, { line, column }));
  };
  const seen = new Map<string, number>();
  const rows: RegisterRow[] = [];
  for (const record of parsed.records) {
    const { line, fields } = record;
    if (fields.length !== parsed.header.length) {
      report(line, '', 'panels.register.fieldCount');
      continue;
    }
    const ref = at(fields, 'id');
    const name = at(fields, 'name');
    const address = at(fields, 'address');
    const postcode = at(fields, 'postcode').replace(/\s+/g, '');
    let bad = false;
    for (const [column, value] of [['id', ref], ['name', name], ['address', address], ['postcode', postcode]] as const) {
      if (value === '') {
        report(line, column, 'panels.register.missing');
        bad = true;
      }
    }
    if (postcode !== '' && !/^\d{3,5}$/.test(postcode)) {
      report(line, 'postcode', 'panels.register.postcode');
      bad = true;
    }
    if (name.length > 200 || address.length > 300) {
      report(line, name.length > 200 ? 'name' : 'address', 'panels.register.tooLong');
      bad = true;
    }
    if (ref !== '') {
      const earlier = seen.get(ref);
      if (earlier !== undefined) {
        problems++;
        if (errors.length < shownProblems) errors.push(problem('register', 'panels.register.duplicate', { line, earlier }));
        bad = true;
      } else seen.set(ref, line);
    }
    if (bad) continue;
    rows.push({ line, ref, name, address, postcode, city: at(fields, 'city'), area: at(fields, 'area'), ageBand: at(fields, 'age_band'), sex: at(fields, 'sex'), household: `${address.toLowerCase().replace(/\s+/g, ' ')}|${postcode}` });
  }
  if (problems > shownProblems) errors.push(problem('register', 'panels.register.more', { count: problems - shownProblems }));
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [problem('register', 'panels.register.empty', {})] };
  return { ok: true, rows };
}

function wholeNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '');
  return /^\d+$/.test(cleaned) ? Number(cleaned) : null;
}

/**
 * Reads quotas (`category,value,min,max`). Categories and values keep the order of the file. Population
 * figures already known for a value are kept.
 */
export function readQuotasCsv(text: string, previous: readonly PanelCategory[]): { ok: true; categories: PanelCategory[] } | { ok: false; errors: FieldError[] } {
  return readTable(text, 'quotas', ['category', 'value', 'min', 'max'], (fields, line, errors) => {
    const min = wholeNumber(fields[2] ?? '');
    const max = wholeNumber(fields[3] ?? '');
    if (min === null || max === null) {
      errors.push(problem('quotas', 'panels.quotas.number', { line }));
      return null;
    }
    if (max < min) {
      errors.push(problem('quotas', 'panels.quotas.inverted', { line }));
      return null;
    }
    const population = previous.find((c) => c.name === fields[0])?.values.find((v) => v.value === fields[1])?.population ?? null;
    return { min, max, population };
  });
}

/**
 * Reads census figures (`category,value,population`) and suggests quotas for a panel of `size`: each value's
 * share of its category times the panel size, with a margin of one seat, or a tenth of the ideal count when
 * that is larger, either side (so the sums of the minimums stay at or below the size and of the maximums at
 * or above it).
 */
export function readCensusCsv(text: string, size: number): { ok: true; categories: PanelCategory[] } | { ok: false; errors: FieldError[] } {
  const read = readTable(text, 'census', ['category', 'value', 'population'], (fields, line, errors) => {
    const population = wholeNumber(fields[2] ?? '');
    if (population === null) {
      errors.push(problem('census', 'panels.census.number', { line }));
      return null;
    }
    return { min: 0, max: 0, population };
  });
  if (!read.ok) return read;
  return { ok: true, categories: suggestQuotas(read.categories, size) };
}

/** Quotas suggested from population figures (see `readCensusCsv`). Values without figures keep theirs. */
export function suggestQuotas(categories: readonly PanelCategory[], size: number): PanelCategory[] {
  return categories.map((category) => {
    const total = category.values.reduce((sum, v) => sum + (v.population ?? 0), 0);
    if (total === 0) return category;
    return {
      name: category.name,
      values: category.values.map((v) => {
        const ideal = (size * (v.population ?? 0)) / total;
        const margin = Math.max(1, Math.round(ideal / 10));
        return { ...v, min: Math.max(0, Math.floor(ideal) - margin), max: Math.min(size, Math.ceil(ideal) + margin) };
      }),
    };
  });
}

function readTable(
  text: string,
  field: string,
  columns: readonly string[],
  readRest: (fields: readonly string[], line: number, errors: FieldError[]) => Omit<PanelCategoryValue, 'value'> | null,
): { ok: true; categories: PanelCategory[] } | { ok: false; errors: FieldError[] } {
  if (text.trim() === '') return { ok: false, errors: [problem(field, 'field.required', {})] };
  const parsed = readHeaderAndRows(text);
  if (!parsed.ok) return { ok: false, errors: [problem(field, 'panels.register.unreadable', { line: parsed.line })] };
  const header = parsed.header.map((h) => h.toLowerCase());
  if (columns.some((c, i) => header[i] !== c)) return { ok: false, errors: [problem(field, 'panels.quotas.header', { columns: columns.join(',') })] };
  const errors: FieldError[] = [];
  const categories: { name: string; values: PanelCategoryValue[] }[] = [];
  for (const { line, fields } of parsed.records) {
    const name = (fields[0] ?? '').trim();
    const value = (fields[1] ?? '').trim();
    if (fields.length !== columns.length || name === '' || value === '') {
      errors.push(problem(field, 'panels.quotas.row', { line }));
      continue;
    }
    if (name.length > 60 || value.length > 60) {
      errors.push(problem(field, 'panels.quotas.row', { line }));
      continue;
    }
    const rest = readRest(fields.map((f) => f.trim()), line, errors);
    if (!rest) continue;
    let category = categories.find((c) => c.name === name);
    if (!category) {
      category = { name, values: [] };
      categories.push(category);
    }
    if (category.values.some((v) => v.value.toLowerCase() === value.toLowerCase())) {
      errors.push(problem(field, 'panels.quotas.duplicate', { line }));
      continue;
    }
    category.values.push({ value, ...rest });
  }
  if (errors.length > shownProblems) return { ok: false, errors: [...errors.slice(0, shownProblems), problem(field, 'panels.register.more', { count: errors.length - shownProblems })] };
  if (errors.length > 0) return { ok: false, errors };
  if (categories.length === 0) return { ok: false, errors: [problem(field, 'field.required', {})] };
  return { ok: true, categories };
}

/** Quota text as staff edit it (`category,value,min,max`). */
export function quotasText(categories: readonly PanelCategory[]): string {
  const rows = categories.flatMap((c) => c.values.map((v) => [c.name, v.value, v.min, v.max]));
  return writeCsv([['category', 'value', 'min', 'max'], ...rows], { finalNewline: false });
}
