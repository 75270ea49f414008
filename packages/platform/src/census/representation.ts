// Who took part against who lives in the municipality: plain arithmetic on counts, no database and no clock.
// A group's expected count is its share of the census population times the participants who told the
// dimensions in question; people who did not tell a dimension are counted apart, never guessed.

/** The census dimensions a grouping can use. */
export const censusDimensions = ['area', 'age', 'sex', 'education'] as const;
export type CensusDimension = (typeof censusDimensions)[number];

export type Sex = 'female' | 'male';

/** An age band: whole years from `from` to `to` inclusive (`to` null: open-ended), labelled "16–29" or "67+". */
export interface AgeBand {
  readonly label: string;
  readonly from: number;
  readonly to: number | null;
}

/** Age bands by their lower bound, then the shorter first. */
export function ageBandOrder(a: AgeBand, b: AgeBand): number {
  return a.from - b.from || (a.to ?? Infinity) - (b.to ?? Infinity);
}

/** One census cell: the people of one area, age band, sex and (where the census has it) education level. */
export interface CensusCell {
  readonly area: string;
  readonly age: string;
  readonly sex: Sex;
  readonly education: string | null;
  readonly population: number;
}

/** What a participant told about themselves, as census values; null where they told nothing. */
export interface ParticipantProfile {
  readonly area: string | null;
  /** The census age band of their age this year, or null when they gave no year of birth. */
  readonly age: string | null;
  readonly sex: Sex | null;
  readonly education: string | null;
}

/** The census band that holds `age`, or null when no band does. */
export function ageBandOf(bands: readonly AgeBand[], age: number): AgeBand | null {
  return bands.find((b) => age >= b.from && (b.to === null || age <= b.to)) ?? null;
}

/** z for a two-sided 95 % interval. */
const z95 = 1.959963984540054;

/**
 * The Wilson score interval for a share of `count` out of `n` (95 % unless `z` is given): stays inside [0, 1]
 * and behaves at 0 and n, where the normal approximation does not (Wilson 1927; Brown, Cai & DasGupta 2001).
 * For n = 0 the interval is the whole [0, 1].
 */
export function wilsonInterval(count: number, n: number, z = z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = count / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** One group of a grouping: its census figures and its participants. */
export interface GroupFigures {
  /** The group's value per dimension of the grouping, in the grouping's order. */
  readonly values: Readonly<Partial<Record<CensusDimension, string>>>;
  readonly population: number;
  /** The group's share of the census population. */
  readonly populationShare: number;
  readonly participants: number;
  /** The group's share of the participants who told every dimension of the grouping. */
  readonly share: number;
  /** 95 % Wilson interval of `share`. */
  readonly low: number;
  readonly high: number;
  /** populationShare × the participants who told: how many would have taken part were they like the census. */
  readonly expected: number;
  /** share ÷ populationShare (1: as in the census; 0.5: half as many as expected); null for an empty census group. */
  readonly ratio: number | null;
}

/** Participants against the census by one combination of dimensions. */
export interface Grouping {
  readonly dimensions: readonly CensusDimension[];
  /** Participants who told every dimension of the grouping, with values the census has. */
  readonly counted: number;
  /** Participants who did not tell one or more of the dimensions (not guessed). */
  readonly notGiven: number;
  /** Participants who told a value the census has no group for (an age outside its bands, an area it lacks). */
  readonly outside: number;
  readonly groups: readonly GroupFigures[];
}

/** The census as the computation needs it: its cells and the order of each dimension's values. */
export interface CensusForRepresentation {
  readonly dimensions: readonly CensusDimension[];
  readonly cells: readonly CensusCell[];
  /** Each dimension's values in display order (areas as the municipality lists them, age bands by age). */
  readonly values: Readonly<Record<CensusDimension, readonly string[]>>;
}

/**
 * Participants against the census for one grouping (e.g. `['sex', 'age', 'area']`). Every group the census
 * has is listed, in the order of the dimensions' values, also groups nobody in the census or no participant
 * belongs to. The caller checks first that the census has each dimension (see `missingDimensions`).
 */
export function groupingOf(census: CensusForRepresentation, participants: readonly ParticipantProfile[], dimensions: readonly CensusDimension[]): Grouping {
  const key = (of: (d: CensusDimension) => string | null) => dimensions.map((d) => of(d) ?? '').join('\u0000');
  const population = new Map<string, number>();
  let total = 0;
  for (const cell of census.cells) {
    const k = key((d) => cell[d]);
    population.set(k, (population.get(k) ?? 0) + cell.population);
    total += cell.population;
  }
  const counts = new Map<string, number>();
  let notGiven = 0;
  let outside = 0;
  for (const person of participants) {
    if (dimensions.some((d) => person[d] === null)) notGiven++;
    else if (dimensions.some((d) => !census.values[d].includes(person[d]!))) outside++;
    else {
      const k = key((d) => person[d]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const counted = participants.length - notGiven - outside;
  // Every combination of the dimensions' values, first dimension slowest.
  let combinations: Partial<Record<CensusDimension, string>>[] = [{}];
  for (const d of dimensions) combinations = combinations.flatMap((c) => census.values[d].map((v) => ({ ...c, [d]: v })));
  const groups = combinations.map((values): GroupFigures => {
    const k = key((d) => values[d] ?? null);
    const people = population.get(k) ?? 0;
    const count = counts.get(k) ?? 0;
    const populationShare = total === 0 ? 0 : people / total;
    const share = counted === 0 ? 0 : count / counted;
    const { low, high } = wilsonInterval(count, counted);
    return { values, population: people, populationShare, participants: count, share, low, high, expected: populationShare * counted, ratio: populationShare === 0 ? null : share / populationShare };
  });
  return { dimensions, counted, notGiven, outside, groups };
}

/** The dimensions asked for that the census lacks (a census without education, say). */
export function missingDimensions(census: Pick<CensusForRepresentation, 'dimensions'>, asked: readonly CensusDimension[]): CensusDimension[] {
  return asked.filter((d) => !census.dimensions.includes(d));
}

/** Every non-empty combination of `dimensions`, singles first, in the order the dimensions are given. */
export function combinationsOf(dimensions: readonly CensusDimension[]): CensusDimension[][] {
  const found: CensusDimension[][] = [];
  const pick = (start: number, size: number, chosen: CensusDimension[]) => {
    if (chosen.length === size) found.push(chosen);
    else for (let i = start; i < dimensions.length; i++) pick(i + 1, size, [...chosen, dimensions[i]!]);
  };
  for (let size = 1; size <= dimensions.length; size++) pick(0, size, []);
  return found;
}

/** A group named as under-represented: how many took part, how many were expected. */
export interface Shortfall {
  readonly dimensions: readonly CensusDimension[];
  readonly values: Readonly<Partial<Record<CensusDimension, string>>>;
  readonly participants: number;
  readonly expected: number;
  readonly ratio: number;
}

/** Whether one group lies inside the other (same values on the dimensions they share, and one has them all). */
function nested(a: Shortfall, b: Shortfall): boolean {
  const [small, large] = a.dimensions.length <= b.dimensions.length ? [a, b] : [b, a];
  return small.dimensions.every((d) => large.values[d] === small.values[d]);
}

/**
 * The groups most under-represented across groupings: those whose ratio is below `maxRatio` and whose
 * expected count is at least `minExpected` (fewer expected says too little to judge), lowest ratio first,
 * then the larger shortfall (expected − participants), then the groupings' order. A group inside or around
 * one already named is left out ("men 16–29" after "men 16–29 in Nordbyen"): it mostly repeats it. At most
 * `limit`.
 */
export function mostUnderRepresented(groupings: readonly Grouping[], options: { maxRatio: number; minExpected: number; limit: number }): Shortfall[] {
  const candidates: (Shortfall & { order: number })[] = [];
  let order = 0;
  for (const grouping of groupings) {
    for (const group of grouping.groups) {
      order++;
      if (group.ratio === null || group.ratio >= options.maxRatio || group.expected < options.minExpected) continue;
      candidates.push({ dimensions: grouping.dimensions, values: group.values, participants: group.participants, expected: group.expected, ratio: group.ratio, order });
    }
  }
  candidates.sort((a, b) => a.ratio - b.ratio || b.expected - b.participants - (a.expected - a.participants) || a.order - b.order);
  const named: Shortfall[] = [];
  for (const { order: _order, ...candidate } of candidates) {
    if (named.length >= options.limit) break;
    if (!named.some((n) => nested(n, candidate))) named.push(candidate);
  }
  return named;
}
