/**
 * Invitation rounds: a stratified draw from an address or population register. The strata are the
 * combinations of area, age band and sex that occur in the register (a column the register does not have is
 * '' for every row and so does not split anything). Each stratum gets its own number of letters and of
 * reserve invitations, drawn together in one seeded shuffle: the reserve is the next candidates of the
 * stratum after those invited. A later round leaves out everyone (under the household rule: every household)
 * invited before. Anyone with the register, the earlier rounds and the published seed can redo the draw.
 */
import { shuffle, type RandomSource } from '@tingsted/random';
import { apportion, type RegisterEntry } from './invitations.ts';

/** What a round reads of a register row besides its household and area. */
export interface StratifiedEntry extends RegisterEntry {
  /** The row's identity in the register (to leave out people invited in an earlier round). */
  readonly id: string;
  /** Age band, e.g. '16–29' ('' when the register has none). */
  readonly ageBand: string;
  /** Sex as the register records it ('' when the register has none). */
  readonly sex: string;
}

/** A stratum: one combination of area, age band and sex. */
export interface Stratum {
  readonly area: string;
  readonly ageBand: string;
  readonly sex: string;
}

/** A stratum's numbers in a round. */
export interface StratumRequest extends Stratum {
  /** Letters to send now. */
  readonly count: number;
  /** Reserve invitations drawn now, sent only when released. */
  readonly reserve: number;
}

/** Input of `drawRound`. */
export interface RoundInput<T extends StratifiedEntry> {
  /** The register in its own order (file order): the shuffle starts from this order. */
  readonly rows: readonly T[];
  readonly strata: readonly StratumRequest[];
  /** At most one invitation per household, addressed to its first row in register order. */
  readonly householdRule: boolean;
  /** Register ids invited in earlier rounds (left out, and under the household rule their households too). */
  readonly invitedBefore: ReadonlySet<string>;
}

/** A stratum that has too few candidates for what was asked of it. */
export interface StratumShortfall extends Stratum {
  readonly requested: number;
  readonly available: number;
}

/** The round: invited and reserve rows, stratum by stratum in `stratumKey` order; or every short stratum. */
export type RoundDraw<T> =
  | { readonly ok: true; readonly invited: { row: T; stratum: string }[]; readonly reserve: { row: T; stratum: string }[] }
  | { readonly ok: false; readonly reason: 'too-few-candidates'; readonly shortfalls: StratumShortfall[] };

/** The key of a stratum: its three values joined by a unit separator (never typed in a register). */
export function stratumKey(s: Stratum): string {
  return `${s.area}\u001f${s.ageBand}\u001f${s.sex}`;
}

/** The stratum of a key made by `stratumKey`. */
export function stratumOfKey(key: string): Stratum {
  const [area = '', ageBand = '', sex = ''] = key.split('\u001f');
  return { area, ageBand, sex };
}

/** UTF-16 code unit order: the same on every platform and locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The candidates of a round per stratum key, in the order the round takes them. Rows invited before are left
 * out; under the household rule so are their households, and each other household is represented by its
 * first row in register order (so its stratum does not depend on the seed, and the proposal counts the same
 * candidates the draw takes). The candidates are then shuffled with `random` (when given; register order
 * otherwise, for counting). Keys in code-unit order.
 */
export function candidatesByStratum<T extends StratifiedEntry>(rows: readonly T[], householdRule: boolean, invitedBefore: ReadonlySet<string>, random?: RandomSource): Map<string, T[]> {
  let eligible: T[];
  if (householdRule) {
    const used = new Set<string>();
    for (const row of rows) if (invitedBefore.has(row.id)) used.add(row.household);
    eligible = rows.filter((row) => {
      if (used.has(row.household)) return false;
      used.add(row.household);
      return true;
    });
  } else eligible = rows.filter((row) => !invitedBefore.has(row.id));
  const ordered = random ? shuffle(random, eligible) : eligible;
  const byKey = new Map<string, T[]>();
  for (const row of ordered) {
    const key = stratumKey(row);
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return new Map([...byKey.entries()].sort((a, b) => byCodeUnits(a[0], b[0])));
}

/**
 * Splits `total` letters and `reserve` reserve invitations over the strata in proportion to their
 * candidates (largest remainders, `apportion`): the first round's proposal, which staff may adjust.
 */
export function proportionalRound(candidates: ReadonlyMap<string, number>, total: number, reserve: number): StratumRequest[] {
  const keys = [...candidates.keys()];
  const weights = keys.map((k) => candidates.get(k) ?? 0);
  const counts = apportion(weights, total);
  // The reserve is split over what is left in each stratum after the letters.
  const reserves = apportion(
    weights.map((w, i) => Math.max(0, w - counts[i]!)),
    reserve,
  );
  return keys.map((key, i) => ({ ...stratumOfKey(key), count: counts[i]!, reserve: reserves[i]! }));
}

/**
 * Draws one round. Every stratum asked for is checked first: when any has fewer candidates than its letters
 * plus reserve, nothing is drawn and every such stratum is reported with what was asked and what there is.
 * Otherwise each stratum's first `count` candidates are invited and the next `reserve` form its reserve.
 */
export function drawRound<T extends StratifiedEntry>(input: RoundInput<T>, random: RandomSource): RoundDraw<T> {
  for (const s of input.strata) {
    if (!Number.isInteger(s.count) || s.count < 0 || !Number.isInteger(s.reserve) || s.reserve < 0) throw new RangeError(`drawRound: bad numbers for ${stratumKey(s)}`);
  }
  const candidates = candidatesByStratum(input.rows, input.householdRule, input.invitedBefore, random);
  const asked = [...input.strata].sort((a, b) => byCodeUnits(stratumKey(a), stratumKey(b)));
  const shortfalls: StratumShortfall[] = [];
  for (const s of asked) {
    const available = candidates.get(stratumKey(s))?.length ?? 0;
    if (s.count + s.reserve > available) shortfalls.push({ area: s.area, ageBand: s.ageBand, sex: s.sex, requested: s.count + s.reserve, available });
  }
  if (shortfalls.length > 0) return { ok: false, reason: 'too-few-candidates', shortfalls };
  const invited: { row: T; stratum: string }[] = [];
  const reserve: { row: T; stratum: string }[] = [];
  for (const s of asked) {
    const key = stratumKey(s);
    const list = candidates.get(key) ?? [];
    for (const row of list.slice(0, s.count)) invited.push({ row, stratum: key });
    for (const row of list.slice(s.count, s.count + s.reserve)) reserve.push({ row, stratum: key });
  }
  return { ok: true, invited, reserve };
}

/** A register value (area, age band or sex) of which the pool still lacks people against a quota. */
export interface MissingGroup {
  readonly dimension: 'area' | 'ageBand' | 'sex';
  readonly value: string;
  /** People still needed in the pool (the quota's minimum less those registered). */
  readonly missing: number;
}

/** Response rate assumed for a stratum before anyone anywhere has answered. */
export const assumedResponseRate = 0.1;

/**
 * The second (or later) round's proposal, aimed at the groups still missing. Each missing group's people are
 * spread over the strata that have its value in proportion to their candidates left; a stratum needs the
 * largest number any of its groups asks of it (one person counts for their area, age band and sex at once);
 * the letters are that need divided by the stratum's response rate so far (responded ÷ invited; the overall
 * rate when the stratum has none, `assumedResponseRate` when nobody has answered), rounded up and capped at
 * the candidates left. Strata with no missing group get no letters. Staff may adjust every number.
 */
export function targetedRound(
  candidates: ReadonlyMap<string, number>,
  history: ReadonlyMap<string, { readonly invited: number; readonly responded: number }>,
  missing: readonly MissingGroup[],
): StratumRequest[] {
  const keys = [...candidates.keys()];
  const need = new Map<string, number>();
  for (const group of missing) {
    if (group.missing <= 0) continue;
    const matching = keys.filter((k) => stratumOfKey(k)[group.dimension] === group.value);
    const shares = apportion(
      matching.map((k) => candidates.get(k) ?? 0),
      group.missing,
    );
    matching.forEach((k, i) => need.set(k, Math.max(need.get(k) ?? 0, shares[i]!)));
  }
  let invited = 0;
  let responded = 0;
  for (const h of history.values()) {
    invited += h.invited;
    responded += h.responded;
  }
  // Rates as whole-number ratios (letters per answer), so the division is exact.
  const overall = invited > 0 && responded > 0 ? { invited, responded } : { invited: Math.round(1 / assumedResponseRate), responded: 1 };
  return keys.map((key) => {
    const h = history.get(key);
    const rate = h && h.invited > 0 && h.responded > 0 ? h : overall;
    const people = need.get(key) ?? 0;
    const letters = Math.ceil((people * rate.invited) / rate.responded);
    return { ...stratumOfKey(key), count: Math.min(candidates.get(key) ?? 0, letters), reserve: 0 };
  });
}
