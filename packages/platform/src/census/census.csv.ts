import { parseCsv } from '@tingsted/csv';
import type { FieldError } from '../shared/result.ts';
import { ageBandOrder, type AgeBand, type CensusCell, type CensusDimension, type Sex } from './representation.ts';

/** A census file, checked: the cells (one per area, age band, sex and, where given, education) and what they span. */
export interface CensusTable {
  /** The dimensions the file has: always area, age and sex; education when the file has the column. */
  readonly dimensions: readonly CensusDimension[];
  readonly areas: readonly string[];
  /** Age bands in order of their lower bound, not overlapping. */
  readonly ageBands: readonly AgeBand[];
  readonly educations: readonly string[];
  readonly cells: readonly CensusCell[];
  readonly population: number;
}

/** At most this many problems are returned (a wrong file can have one on every row); the last counts the rest. */
const shownProblems = 200;

/** Header names as SSB, SCB and DST exports and people write them, by the column they mean. */
const headerNames: Readonly<Record<CensusDimension | 'population', readonly string[]>> = {
  area: ['area', 'område', 'omrade', 'region', 'bydel', 'delområde', 'grunnkrets', 'kommundel', 'stadsdel', 'sogn'],
  age: ['age', 'alder', 'ålder', 'age_band', 'aldersgruppe', 'åldersgrupp', 'aldersgrupp'],
  sex: ['sex', 'kjønn', 'kjonn', 'kyn', 'kön', 'kon', 'køn', 'gender'],
  education: ['education', 'utdanning', 'utdanningsnivå', 'utdanningsnivå', 'utbildning', 'utbildningsnivå', 'uddannelse', 'uddannelsesniveau'],
  population: ['population', 'personer', 'befolkning', 'folkemengde', 'folkemengd', 'antall', 'antal', 'value', 'count'],
};

/** Words that mark a total in a dimension's column ("all ages", "both sexes", "the whole municipality"). */
const totalWords = new Set(['total', 'totalt', 'i alt', 'ialt', 'alle', 'all', 'sum', 'samtliga', 'begge kjønn', 'begge kjønn', 'båda könen', 'begge køn', 'hele kommunen', 'heile kommunen', 'hela kommunen']);

const sexWords: Readonly<Record<string, Sex>> = {
  female: 'female', f: 'female', k: 'female', women: 'female', woman: 'female', kvinne: 'female', kvinner: 'female', kvinna: 'female', kvinnor: 'female', kvinde: 'female', kvinder: 'female',
  male: 'male', m: 'male', men: 'male', man: 'male', mann: 'male', menn: 'male', män: 'male', mand: 'male', mænd: 'male',
};

/** A sex as censuses and registration forms write it ("Kvinner", "Mann", "F", "male"), or null. */
export function sexOf(text: string): Sex | null {
  return sexWords[text.trim().toLowerCase()] ?? null;
}

function problem(message: string, params: Record<string, string | number> = {}): FieldError {
  return { field: 'census', message, params };
}

function wholeNumber(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,9}$/.test(cleaned) ? Number(cleaned) : null;
}

/** An age band from "16-29", "16–29 år", "67+", "67 år eller eldre" or a single year ("16 år"); null when unreadable. */
export function readAgeBand(text: string): AgeBand | null {
  let t = text.trim().toLowerCase();
  const older = /\s*(år|years?|aar)?\s*(eller eldre|og eldre|og over|eller äldre|och äldre|och över|eller ældre|og derover|or older|and over|\+)$/;
  const open = older.test(t);
  t = t.replace(older, '').replace(/\s*(år|years?|aar)$/, '');
  if (open) return /^\d{1,3}$/.test(t) ? { label: `${Number(t)}+`, from: Number(t), to: null } : null;
  const range = /^(\d{1,3})\s*[-–—]\s*(\d{1,3})$/.exec(t);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return to >= from ? { label: `${from}–${to}`, from, to } : null;
  }
  if (/^\d{1,3}$/.test(t)) return { label: `${Number(t)}`, from: Number(t), to: Number(t) };
  return null;
}

function separatorOf(text: string): ',' | ';' | '\t' {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1] || 0);
  return best && best[1] > 0 ? best[0] : ',';
}

interface Row {
  readonly line: number;
  /** Per dimension, the value, or null for a total. */
  readonly values: Readonly<Record<CensusDimension, string | null>>;
  readonly population: number;
}

const keyOf = (values: Readonly<Record<CensusDimension, string | null>>, dims: readonly CensusDimension[]) => dims.map((d) => values[d] ?? '*').join('\u0000');

/**
 * Reads a census table export (format in docs/census-format.md): one row per area, age band, sex and
 * optionally education with its population, plus total rows (a total word such as "Total", "I alt", "Totalt"
 * in one or more columns). Separator `,`, `;` or tab, found from the header. Every area needs its total row,
 * and every total row must equal the sum of the cells it covers: a file with a missing or inconsistent total,
 * an unknown area, overlapping age bands or a repeated cell is refused with the lines concerned, so nothing
 * is imported from it. `areas`: the municipality's areas (none: any area is accepted).
 */
export function readCensusFile(text: string, areas: readonly string[]): { ok: true; census: CensusTable } | { ok: false; errors: FieldError[] } {
  if (text.trim() === '') return { ok: false, errors: [problem('census.file.empty')] };
  const parsed = parseCsv(text, { delimiter: separatorOf(text), quotes: 'lenient' });
  if (!parsed.ok) return { ok: false, errors: [problem('census.file.unreadable', { line: parsed.error.line })] };
  const [head, ...records] = parsed.rows.filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (!head) return { ok: false, errors: [problem('census.file.empty')] };
  const header = head.fields.map((h) => h.trim().toLowerCase());
  const column = (name: keyof typeof headerNames) => header.findIndex((h) => headerNames[name].includes(h));
  const columns = { area: column('area'), age: column('age'), sex: column('sex'), education: column('education'), population: column('population') };
  const missing = (['area', 'age', 'sex', 'population'] as const).filter((c) => columns[c] < 0);
  if (missing.length > 0) return { ok: false, errors: [problem('census.file.columns', { columns: missing.join(', ') })] };
  const dimensions: CensusDimension[] = columns.education >= 0 ? ['area', 'age', 'sex', 'education'] : ['area', 'age', 'sex'];

  const errors: FieldError[] = [];
  let problems = 0;
  const report = (message: string, params: Record<string, string | number>) => {
    problems++;
    if (errors.length < shownProblems) errors.push(problem(message, params));
  };
  const bands = new Map<string, AgeBand & { line: number }>();
  const rows: Row[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== header.length) {
      report('census.file.fieldCount', { line, expected: header.length, found: fields.length });
      continue;
    }
    const raw = (i: number) => (i < 0 ? '' : (fields[i] ?? '').trim());
    const isTotal = (value: string) => totalWords.has(value.toLowerCase());
    let bad = false;
    const values: Record<CensusDimension, string | null> = { area: null, age: null, sex: null, education: null };
    for (const dimension of dimensions) {
      const value = raw(columns[dimension]);
      if (value === '') {
        report('census.file.missing', { line, column: dimension });
        bad = true;
      } else if (!isTotal(value)) values[dimension] = value;
    }
    if (values.area !== null && areas.length > 0 && !areas.includes(values.area)) {
      report('census.file.unknownArea', { line, area: values.area, areas: areas.join(', ') });
      bad = true;
    }
    if (values.sex !== null) {
      const sex = sexWords[values.sex.toLowerCase()];
      if (sex) values.sex = sex;
      else {
        report('census.file.sex', { line, value: values.sex });
        bad = true;
      }
    }
    if (values.age !== null) {
      const band = readAgeBand(values.age);
      if (!band) {
        report('census.file.age', { line, value: values.age });
        bad = true;
      } else {
        values.age = band.label;
        if (!bands.has(band.label)) bands.set(band.label, { ...band, line });
      }
    }
    const population = wholeNumber(raw(columns.population));
    if (population === null) {
      report('census.file.number', { line, value: raw(columns.population) });
      bad = true;
    }
    if (!bad && population !== null) rows.push({ line, values, population });
  }

  // Age bands must not overlap (a file holding both "16–29" and "20–24" would count people twice).
  const ordered = [...bands.values()].sort(ageBandOrder);
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!;
    const band = ordered[i]!;
    if (before.to === null || band.from <= before.to) report('census.file.overlap', { line: band.line, band: band.label, other: before.label, otherLine: before.line });
  }

  const cells = rows.filter((r) => dimensions.every((d) => r.values[d] !== null));
  const totals = rows.filter((r) => dimensions.some((d) => r.values[d] === null));
  const cellLines = new Map<string, number>();
  for (const cell of cells) {
    const key = keyOf(cell.values, dimensions);
    const earlier = cellLines.get(key);
    if (earlier !== undefined) report('census.file.duplicate', { line: cell.line, earlier });
    else cellLines.set(key, cell.line);
  }
  if (problems === 0 && cells.length === 0) report('census.file.noCells', {});

  // Each total row must equal the sum of the cells it covers; each area must have its own total row.
  const areaTotals = new Map<string, number>();
  for (const total of totals) {
    const covered = cells.filter((c) => dimensions.every((d) => total.values[d] === null || total.values[d] === c.values[d]));
    const sum = covered.reduce((s, c) => s + c.population, 0);
    if (covered.length === 0) report('census.file.totalCoversNothing', { line: total.line });
    else if (sum !== total.population) {
      const lines = covered.map((c) => c.line);
      report('census.file.totalMismatch', { line: total.line, stated: total.population, sum, lines: lineRanges(lines) });
    }
    if (total.values.area !== null && dimensions.every((d) => d === 'area' || total.values[d] === null)) areaTotals.set(total.values.area, total.line);
  }
  const cellAreas = [...new Set(cells.map((c) => c.values.area!))];
  for (const area of cellAreas) {
    if (!areaTotals.has(area)) report('census.file.areaTotalMissing', { area, lines: lineRanges(cells.filter((c) => c.values.area === area).map((c) => c.line)) });
  }

  if (problems > shownProblems) errors.push(problem('census.file.more', { count: problems - shownProblems }));
  if (errors.length > 0) return { ok: false, errors };
  const list = (dimension: CensusDimension) => [...new Set(cells.map((c) => c.values[dimension]!))];
  const orderedAreas = areas.length > 0 ? areas.filter((a) => cellAreas.includes(a)) : cellAreas;
  return {
    ok: true,
    census: {
      dimensions,
      areas: orderedAreas,
      ageBands: ordered.map(({ label, from, to }) => ({ label, from, to })),
      educations: dimensions.includes('education') ? list('education') : [],
      cells: cells.map((c) => ({ area: c.values.area!, age: c.values.age!, sex: c.values.sex as Sex, education: c.values.education, population: c.population })),
      population: cells.reduce((s, c) => s + c.population, 0),
    },
  };
}

/** Line numbers as short ranges: 2–13, 15, 17–18. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    parts.push(sorted[i] === start ? `${start}` : `${start}–${sorted[i]}`);
  }
  return parts.join(', ');
}
