/**
 * The selection problem as users state it (pool, categories with quotas, panel size, options) and its
 * compiled form used by the algorithms: quota rows, and groups of interchangeable candidates.
 */

/** One value of a category with its quota: the panel must contain between `min` and `max` people with it. */
export interface QuotaValue {
  readonly value: string;
  readonly min: number;
  readonly max: number;
  /** Sortition Foundation "min_flex": how far `min` may be lowered when relaxing (defaults to 0). */
  readonly minFlex?: number;
  /** Sortition Foundation "max_flex": how far `max` may be raised when relaxing (defaults to k). */
  readonly maxFlex?: number;
}

/** A category (a "feature" in Sortition Foundation terms) such as gender, with one quota per value. */
export interface Category {
  readonly name: string;
  readonly values: readonly QuotaValue[];
}

/** A pool member: an id, one value per category, and optionally a household key (see `householdKey`). */
export interface Person {
  readonly id: string;
  /** Category name → value. Must hold a listed value for every category. */
  readonly values: Readonly<Record<string, string>>;
  /** Normalised address; people with the same key share a household. */
  readonly household?: string;
}

/** Everything needed to select a panel. */
export interface SelectionProblem {
  readonly people: readonly Person[];
  readonly categories: readonly Category[];
  /** Panel size. */
  readonly k: number;
  /** At most one person per household (people compared by `Person.household`). */
  readonly householdRule?: boolean;
  /** Ids already on the panel (e.g. when drawing replacements); they count toward the quotas. */
  readonly alreadySelected?: readonly string[];
  /** Ids that may not be selected (e.g. people who dropped out). */
  readonly excluded?: readonly string[];
}

/**
 * Household key from address fields: each field trimmed and lower-cased, joined with a unit separator.
 * Returns undefined when every field is empty (no address means no household constraint).
 */
export function householdKey(fields: readonly string[]): string | undefined {
  const parts = fields.map((f) => f.trim().toLowerCase());
  if (parts.every((p) => p === '')) return undefined;
  return parts.join('\u001f');
}

/** A group of candidates who are interchangeable for the algorithms (same values, no household ties). */
export interface Group {
  /** Indices into `Compiled.people`, ascending. */
  readonly members: readonly number[];
  /** Quota row index for each category, in category order. */
  readonly rows: readonly number[];
}

/** A quota row: one value of one category, with bounds already reduced by people already selected. */
export interface QuotaRow {
  readonly category: string;
  readonly value: string;
  readonly min: number;
  readonly max: number;
  /** Original bounds before reduction. */
  readonly originalMin: number;
  readonly originalMax: number;
  readonly minFlex: number;
  readonly maxFlex: number;
  /** Number of candidates (not excluded, not already selected) having this value. */
  readonly available: number;
}

/** The compiled problem shared by every algorithm. */
export interface Compiled {
  readonly people: readonly Person[];
  readonly categories: readonly Category[];
  readonly k: number;
  /** Seats still to fill: k minus people already selected. */
  readonly seats: number;
  readonly rows: readonly QuotaRow[];
  /** For each person, the quota row of each category. */
  readonly personRows: readonly (readonly number[])[];
  /** Indices of people already selected. */
  readonly fixedIn: readonly number[];
  /** Indices of people who may be chosen now. */
  readonly candidates: readonly number[];
  readonly groups: readonly Group[];
  /** Households with two or more candidates, as lists of group indices (all such groups are singletons). */
  readonly households: readonly (readonly number[])[];
  /** True when groups were merged by profile (false: one group per candidate). */
  readonly aggregated: boolean;
}

/** Why an input was refused. */
export interface InputError {
  readonly ok: false;
  readonly reason: 'invalid-input';
  readonly detail: string;
}

/**
 * Checks the problem and builds the compiled form. With `aggregate` (the default) candidates with the same
 * value in every category, and no other candidate in their household, form one group: they are
 * interchangeable, so solving over groups and spreading a group's probability equally is exact.
 */
export function compile(problem: SelectionProblem, aggregate = true): { ok: true; compiled: Compiled } | InputError {
  const fail = (detail: string): InputError => ({ ok: false, reason: 'invalid-input', detail });
  const { people, categories, k } = problem;
  if (!Number.isInteger(k) || k < 1) return fail(`k must be a positive integer (got ${k})`);
  if (categories.length === 0) return fail('no categories given');
  const rows: { category: string; value: string; min: number; max: number; minFlex: number; maxFlex: number }[] = [];
  const rowIndex = new Map<string, Map<string, number>>();
  const seenCategories = new Set<string>();
  for (const category of categories) {
    if (seenCategories.has(category.name)) return fail(`category "${category.name}" is listed twice`);
    seenCategories.add(category.name);
    const map = new Map<string, number>();
    if (category.values.length === 0) return fail(`category "${category.name}" has no values`);
    for (const v of category.values) {
      const key = normaliseValue(v.value);
      if (map.has(key)) return fail(`category "${category.name}" lists value "${v.value}" twice`);
      if (!Number.isInteger(v.min) || !Number.isInteger(v.max) || v.min < 0 || v.max < v.min) {
        return fail(`quota ${category.name}=${v.value}: min ${v.min} and max ${v.max} must be integers with 0 ≤ min ≤ max`);
      }
      map.set(key, rows.length);
      rows.push({
        category: category.name,
        value: v.value,
        min: v.min,
        max: v.max,
        minFlex: v.minFlex ?? 0,
        maxFlex: v.maxFlex ?? Math.max(k, v.max),
      });
    }
    rowIndex.set(category.name, map);
  }
  const idIndex = new Map<string, number>();
  const personRows: number[][] = [];
  for (let i = 0; i < people.length; i++) {
    const person = people[i]!;
    if (idIndex.has(person.id)) return fail(`person id "${person.id}" appears twice`);
    idIndex.set(person.id, i);
    const pr: number[] = [];
    for (const category of categories) {
      const raw = person.values[category.name];
      if (raw === undefined) return fail(`person "${person.id}" has no value for category "${category.name}"`);
      const r = rowIndex.get(category.name)!.get(normaliseValue(raw));
      if (r === undefined) return fail(`person "${person.id}": value "${raw}" is not a listed value of category "${category.name}"`);
      pr.push(r);
    }
    personRows.push(pr);
  }
  const lookup = (ids: readonly string[] | undefined, what: string): number[] | string => {
    const out: number[] = [];
    for (const id of ids ?? []) {
      const i = idIndex.get(id);
      if (i === undefined) return `${what} id "${id}" is not in the pool`;
      out.push(i);
    }
    return out;
  };
  const fixedIn = lookup(problem.alreadySelected, 'already-selected');
  if (typeof fixedIn === 'string') return fail(fixedIn);
  const excludedList = lookup(problem.excluded, 'excluded');
  if (typeof excludedList === 'string') return fail(excludedList);
  const fixedSet = new Set(fixedIn);
  if (fixedSet.size !== fixedIn.length) return fail('an already-selected id is listed twice');
  const excluded = new Set(excludedList);
  for (const i of fixedIn) if (excluded.has(i)) return fail(`person "${people[i]!.id}" is both already selected and excluded`);
  if (fixedIn.length > k) return fail(`${fixedIn.length} people already selected but k is ${k}`);
  const householdRule = problem.householdRule === true;
  const blockedHouseholds = new Set<string>();
  if (householdRule) {
    const fixedHouseholds = new Set<string>();
    for (const i of fixedIn) {
      const h = people[i]!.household;
      if (h === undefined) continue;
      if (fixedHouseholds.has(h)) return fail(`two already-selected people share a household (one is "${people[i]!.id}")`);
      fixedHouseholds.add(h);
      blockedHouseholds.add(h);
    }
  }
  const candidates: number[] = [];
  for (let i = 0; i < people.length; i++) {
    if (fixedSet.has(i) || excluded.has(i)) continue;
    const h = people[i]!.household;
    if (householdRule && h !== undefined && blockedHouseholds.has(h)) continue;
    candidates.push(i);
  }
  const used = new Array<number>(rows.length).fill(0);
  for (const i of fixedIn) for (const r of personRows[i]!) used[r]!++;
  const available = new Array<number>(rows.length).fill(0);
  for (const i of candidates) for (const r of personRows[i]!) available[r]!++;
  const quotaRows: QuotaRow[] = rows.map((row, r) => ({
    category: row.category,
    value: row.value,
    min: Math.max(0, row.min - used[r]!),
    max: row.max - used[r]!,
    originalMin: row.min,
    originalMax: row.max,
    minFlex: row.minFlex,
    maxFlex: row.maxFlex,
    available: available[r]!,
  }));
  // Households with two or more candidates make their members non-interchangeable.
  const householdMembers = new Map<string, number[]>();
  if (householdRule) {
    for (const i of candidates) {
      const h = people[i]!.household;
      if (h === undefined) continue;
      const list = householdMembers.get(h);
      if (list) list.push(i);
      else householdMembers.set(h, [i]);
    }
  }
  const shared = new Set<number>();
  for (const list of householdMembers.values()) if (list.length > 1) for (const i of list) shared.add(i);
  const groups: Group[] = [];
  const groupOfPerson = new Map<number, number>();
  const byProfile = new Map<string, number>();
  for (const i of candidates) {
    const pr = personRows[i]!;
    if (aggregate && !shared.has(i)) {
      const key = pr.join(',');
      const g = byProfile.get(key);
      if (g !== undefined) {
        (groups[g]!.members as number[]).push(i);
        groupOfPerson.set(i, g);
        continue;
      }
      byProfile.set(key, groups.length);
    }
    groupOfPerson.set(i, groups.length);
    groups.push({ members: [i], rows: pr });
  }
  const households: number[][] = [];
  for (const list of householdMembers.values()) {
    if (list.length > 1) households.push(list.map((i) => groupOfPerson.get(i)!));
  }
  return {
    ok: true,
    compiled: {
      people,
      categories,
      k,
      seats: k - fixedIn.length,
      rows: quotaRows,
      personRows,
      fixedIn: [...fixedIn].sort((a, b) => a - b),
      candidates,
      groups,
      households,
      aggregated: aggregate,
    },
  };
}

/** Values are compared after trimming, case-insensitively. */
export function normaliseValue(value: string): string {
  return value.trim().toLowerCase();
}

/** Counts of each quota row in a set of people, and whether every original quota holds. */
export function checkPanel(
  problem: SelectionProblem,
  panelIds: readonly string[],
): { ok: true } | { ok: false; detail: string } {
  const byId = new Map(problem.people.map((p) => [p.id, p] as const));
  if (new Set(panelIds).size !== panelIds.length) return { ok: false, detail: 'panel lists someone twice' };
  if (panelIds.length !== problem.k) return { ok: false, detail: `panel has ${panelIds.length} people, k is ${problem.k}` };
  const households = new Set<string>();
  const counts = new Map<string, number>();
  for (const id of panelIds) {
    const p = byId.get(id);
    if (!p) return { ok: false, detail: `"${id}" is not in the pool` };
    if (problem.householdRule && p.household !== undefined) {
      if (households.has(p.household)) return { ok: false, detail: `two panel members share a household ("${id}")` };
      households.add(p.household);
    }
    for (const c of problem.categories) {
      const key = `${c.name}\u001f${normaliseValue(p.values[c.name] ?? '')}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  for (const c of problem.categories) {
    for (const v of c.values) {
      const n = counts.get(`${c.name}\u001f${normaliseValue(v.value)}`) ?? 0;
      if (n < v.min || n > v.max) return { ok: false, detail: `${c.name}=${v.value}: ${n} on the panel, quota [${v.min}, ${v.max}]` };
    }
  }
  return { ok: true };
}
