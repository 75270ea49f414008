/**
 * The public record of an announced draw: everything anyone needs to check it without the platform. The pool
 * is pseudonymous (ids and category values, households as opaque labels), the list of equally likely panels
 * and its hash were published before the seed existed, and the seed comes from a source named in advance.
 * `verifyRecord` recomputes the draw from the record alone.
 */
import { csvField } from '@tingsted/csv';
import { sha256Hex } from '@tingsted/random';
import { checkPanel, type Category, type Person, type SelectionProblem } from './model.ts';
import { drawIndex, parseLotteryText } from './transparent.ts';

/** The format tag of a lottery record; a verifier refuses records of another format. */
export const lotteryRecordFormat = 'tingsted-lottery-record/1';

/** One pool member as published: a pseudonym, the category values, and an opaque household label. */
export interface RecordPerson {
  readonly id: string;
  readonly values: Readonly<Record<string, string>>;
  readonly household?: string;
}

/** The announced draw, and once the seed's value is known, the draw itself. */
export interface LotteryRecord {
  readonly format: typeof lotteryRecordFormat;
  readonly panel: { readonly id: string; readonly title: string };
  /** Panel size. */
  readonly k: number;
  /** At most one person per household. */
  readonly householdRule: boolean;
  readonly algorithm: { readonly name: string; readonly version: string };
  readonly categories: readonly Category[];
  readonly pool: readonly RecordPerson[];
  /** SHA-256 (hex) of `poolText(pool, categories)`, published at the announcement. */
  readonly poolHash: string;
  /** The m equally likely panels (one per line, pseudonyms comma-separated) and their SHA-256 (hex). */
  readonly lottery: { readonly m: number; readonly text: string; readonly hash: string };
  /** Where the seed comes from, fixed at the announcement; its value once it exists. */
  readonly seed: {
    readonly source: string;
    /** The earliest time the value exists (ISO 8601); the draw is refused before it. */
    readonly notBefore: string;
    readonly value: string | null;
  };
  readonly announcedAt: string;
  /** The draw: when, the index the seed gave, and the pseudonyms selected. Null until drawn. */
  readonly drawn: { readonly at: string; readonly index: number; readonly selected: readonly string[] } | null;
}

/**
 * The pool as canonical text, the input of `poolHash`: a header `id,household,<category names>` and one row per
 * person in the given order, CSV-quoted where needed, LF line ends, a final LF.
 */
export function poolText(pool: readonly RecordPerson[], categories: readonly Category[]): string {
  const names = categories.map((c) => c.name);
  const lines = [['id', 'household', ...names].map((v) => csvField(v)).join(',')];
  for (const p of pool) lines.push([p.id, p.household ?? '', ...names.map((n) => p.values[n] ?? '')].map((v) => csvField(v)).join(','));
  return `${lines.join('\n')}\n`;
}

/** SHA-256 (hex) of the pool's canonical text. */
export function poolHash(pool: readonly RecordPerson[], categories: readonly Category[]): string {
  return sha256Hex(poolText(pool, categories));
}

/** The outcome of checking a record: the checks that passed, or the first difference found. */
export type RecordVerification =
  | { readonly ok: true; readonly checks: readonly string[] }
  | { readonly ok: false; readonly checks: readonly string[]; readonly difference: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The record's shape, or what is wrong with it (named by its path). */
function shapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'the record is not a JSON object';
  if (value.format !== lotteryRecordFormat) return `format is ${JSON.stringify(value.format)}, expected "${lotteryRecordFormat}"`;
  if (!Number.isInteger(value.k) || (value.k as number) < 1) return 'k is not a positive integer';
  if (!Array.isArray(value.categories)) return 'categories is not a list';
  if (!Array.isArray(value.pool)) return 'pool is not a list';
  for (const [i, p] of (value.pool as unknown[]).entries()) {
    if (!isObject(p) || typeof p.id !== 'string' || !isObject(p.values)) return `pool[${i}] needs an id and values`;
  }
  if (typeof value.poolHash !== 'string') return 'poolHash is missing';
  const lottery = value.lottery;
  if (!isObject(lottery) || typeof lottery.text !== 'string' || typeof lottery.hash !== 'string') return 'lottery needs text and hash';
  const seed = value.seed;
  if (!isObject(seed) || typeof seed.source !== 'string' || typeof seed.notBefore !== 'string') return 'seed needs source and notBefore';
  if (value.drawn !== null) {
    const drawn = value.drawn;
    if (!isObject(drawn) || typeof drawn.at !== 'string' || !Number.isInteger(drawn.index) || !Array.isArray(drawn.selected)) return 'drawn needs at, index and selected';
  }
  return null;
}

/**
 * Recomputes an announced draw from its record: the pool's hash, the list's hash, every listed panel against
 * the quotas (and the household rule), the seed taken no earlier than announced, the index the seed gives and
 * the panel at that index. Stops at the first difference.
 */
export function verifyRecord(input: unknown): RecordVerification {
  const checks: string[] = [];
  const shape = shapeProblem(input);
  if (shape) return { ok: false, checks, difference: shape };
  const record = input as LotteryRecord;
  const fail = (difference: string): RecordVerification => ({ ok: false, checks, difference });

  const computedPool = poolHash(record.pool, record.categories);
  if (computedPool !== record.poolHash.trim().toLowerCase()) return fail(`pool hash: the pool gives ${computedPool}, the record says ${record.poolHash}`);
  checks.push(`pool of ${record.pool.length} people, SHA-256 ${computedPool} (matches)`);

  const computedList = sha256Hex(record.lottery.text);
  if (computedList !== record.lottery.hash.trim().toLowerCase()) return fail(`list hash: the list gives ${computedList}, the record says ${record.lottery.hash}`);
  let panels: readonly (readonly string[])[];
  try {
    panels = parseLotteryText(record.lottery.text);
  } catch (error) {
    return fail(`the list of panels cannot be read: ${(error as Error).message}`);
  }
  if (panels.length === 0) return fail('the list of panels is empty');
  if (record.lottery.m !== panels.length) return fail(`the list has ${panels.length} panels, the record says m = ${record.lottery.m}`);
  checks.push(`list of ${panels.length} equally likely panels, SHA-256 ${computedList} (matches)`);

  const people: Person[] = record.pool.map((p) => ({ id: p.id, values: p.values, ...(p.household ? { household: p.household } : {}) }));
  const problem: SelectionProblem = { people, categories: record.categories, k: record.k, householdRule: record.householdRule };
  for (const [i, panel] of panels.entries()) {
    const valid = checkPanel(problem, panel);
    if (!valid.ok) return fail(`panel ${i} in the list breaks the quotas: ${valid.detail}`);
  }
  checks.push(`every listed panel has ${record.k} people and meets the quotas${record.householdRule ? ' and the household rule' : ''}`);

  if (record.drawn === null) return { ok: true, checks: [...checks, `not drawn yet: the seed comes from ${record.seed.source}, not before ${record.seed.notBefore}`] };
  if (record.seed.value === null || record.seed.value.trim() === '') return fail('the record is drawn but has no seed value');
  const notBefore = Date.parse(record.seed.notBefore);
  const at = Date.parse(record.drawn.at);
  if (Number.isNaN(notBefore) || Number.isNaN(at)) return fail('seed.notBefore or drawn.at is not a date');
  if (at < notBefore) return fail(`drawn at ${record.drawn.at}, before the seed existed (${record.seed.notBefore})`);
  const announced = Date.parse(record.announcedAt);
  if (!Number.isNaN(announced) && notBefore < announced) return fail(`the seed's time ${record.seed.notBefore} is before the announcement ${record.announcedAt}`);
  const index = drawIndex(record.seed.value, panels.length);
  if (index !== record.drawn.index) return fail(`seed "${record.seed.value}" gives index ${index}, the record says ${record.drawn.index}`);
  checks.push(`seed "${record.seed.value}" from ${record.seed.source} gives index ${index}`);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const expected = [...(panels[index] ?? [])].sort(byText);
  const claimed = [...record.drawn.selected].sort(byText);
  const missing = expected.find((id) => !claimed.includes(id));
  if (missing !== undefined) return fail(`"${missing}" is on panel ${index} but not among the selected`);
  const extra = claimed.find((id) => !expected.includes(id));
  if (extra !== undefined) return fail(`"${extra}" is among the selected but not on panel ${index}`);
  checks.push(`the ${claimed.length} selected are exactly panel ${index}`);
  return { ok: true, checks };
}
