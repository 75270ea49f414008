/**
 * The invitation lottery: which people on an address or population register get a letter inviting them to
 * volunteer for a panel. A seeded shuffle of the register, at most one letter per household when the
 * household rule is on, and optionally the letters split over areas in proportion to their candidates.
 * Anyone with the register and the published seed can redo the draw.
 */
import { shuffle, type RandomSource } from '@tingsted/random';

// The draw shuffles with @tingsted/random's Fisher–Yates (the one shuffle), re-exported for callers of sortition.
export { shuffle };

/** What the lottery reads of a register row; any other fields are carried through untouched. */
export interface RegisterEntry {
  /** People with the same key live in one household. */
  readonly household: string;
  /** The area (district, ward) the row belongs to, for the stratified draw. */
  readonly area: string;
}

/** Input of `drawInvitations`. */
export interface InvitationDrawInput<T extends RegisterEntry> {
  /** The register in its own order (file order): the shuffle starts from this order. */
  readonly rows: readonly T[];
  /** How many invitations to draw: a whole number ≥ 0. */
  readonly count: number;
  /** At most one invitation per household: its first member in the shuffled order is its candidate. */
  readonly householdRule: boolean;
  /** Split `count` over the areas in proportion to their candidates (largest remainders). */
  readonly stratifyByArea: boolean;
}

/** The invited rows in draw order, or how many candidates there were when there were too few. */
export type InvitationDraw<T> =
  | { readonly ok: true; readonly invited: T[] }
  | { readonly ok: false; readonly reason: 'too-few-candidates'; readonly available: number };

/**
 * Largest-remainder (Hamilton) split of `total` in proportion to `weights`: everyone gets the whole part of
 * their exact share, and the seats left go to the largest fractional parts, ties to the earlier entry. The
 * parts sum to `total` (all zeros when every weight is zero), each within one of its exact share.
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const result = exact.map((x) => Math.floor(x));
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i]!++;
    left--;
  }
  return result;
}

/** UTF-16 code unit order: the same on every platform and locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Draws `count` invitations from a register.
 *
 * 1. The rows are shuffled with `random` (`shuffle`, starting from the register's order).
 * 2. With the household rule, only the first row of each household in the shuffled order stays a candidate.
 * 3. Without stratification the first `count` candidates are invited. With it, the areas are taken in code
 *    unit order, `count` is split over them by `apportion` in proportion to their candidates (households
 *    under the household rule), and each area's first candidates are invited, area by area.
 *
 * An area's share never exceeds its candidates (its exact share is below them unless every candidate is
 * invited), so exactly `count` rows come back. An area without candidates does not take part. When there
 * are fewer candidates than `count`, nothing is drawn and the result says how many there are.
 */
export function drawInvitations<T extends RegisterEntry>(input: InvitationDrawInput<T>, random: RandomSource): InvitationDraw<T> {
  const { rows, count } = input;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`drawInvitations: bad count ${count}`);
  const shuffled = shuffle(random, rows);
  const seen = new Set<string>();
  const candidates = input.householdRule
    ? shuffled.filter((row) => {
        if (seen.has(row.household)) return false;
        seen.add(row.household);
        return true;
      })
    : shuffled;
  if (count > candidates.length) return { ok: false, reason: 'too-few-candidates', available: candidates.length };
  if (!input.stratifyByArea) return { ok: true, invited: candidates.slice(0, count) };
  const areas = [...new Set(candidates.map((c) => c.area))].sort(byCodeUnits);
  const byArea = areas.map((area) => candidates.filter((c) => c.area === area));
  const shares = apportion(
    byArea.map((list) => list.length),
    count,
  );
  return { ok: true, invited: byArea.flatMap((list, i) => list.slice(0, shares[i]!)) };
}
