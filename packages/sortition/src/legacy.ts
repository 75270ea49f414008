/**
 * LEGACY: the greedy method the Sortition Foundation used before LEXIMIN (as described and re-implemented
 * in the replication code of Flanigan et al. 2021). Kept to show users how unequal its chances are.
 *
 * Repeat k times: among values whose quota is not yet full and that still have candidates, take the one
 * with the largest ratio (min − selected) / remaining (ties: first in category order, then value order);
 * pick a uniformly random remaining candidate with that value; when a value reaches its max, remove every
 * remaining candidate with it; with the household rule, remove the person's housemates. A run that gets
 * stuck or ends below a minimum is retried with the continuing random stream.
 */
import type { Compiled } from './model.ts';
import { randomInt, type RandomSource } from '@tingsted/random';

/** One LEGACY draw: indices into `compiled.people` of the new members (ascending), or null if all attempts failed. */
export function legacyDraw(compiled: Compiled, random: RandomSource, attempts = 100): number[] | null {
  for (let a = 0; a < attempts; a++) {
    const panel = legacyAttempt(compiled, random);
    if (panel !== null) return panel.sort((x, y) => x - y);
  }
  return null;
}

function legacyAttempt(compiled: Compiled, random: RandomSource): number[] | null {
  const { rows, personRows, candidates, people } = compiled;
  const R = rows.length;
  const alive = new Uint8Array(people.length);
  const remaining = new Int32Array(R);
  const selected = new Int32Array(R);
  for (const i of candidates) {
    alive[i] = 1;
    for (const r of personRows[i]!) remaining[r]!++;
  }
  const byHousehold = new Map<string, number[]>();
  for (const i of candidates) {
    const h = people[i]!.household;
    if (h === undefined) continue;
    const list = byHousehold.get(h);
    if (list) list.push(i);
    else byHousehold.set(h, [i]);
  }
  const remove = (i: number): void => {
    if (!alive[i]) return;
    alive[i] = 0;
    for (const r of personRows[i]!) remaining[r]!--;
  };
  const panel: number[] = [];
  for (let seat = 0; seat < compiled.seats; seat++) {
    let bestRow = -1;
    let bestRatio = -Infinity;
    for (let r = 0; r < R; r++) {
      const row = rows[r]!;
      if (selected[r]! < row.min && remaining[r]! < row.min - selected[r]!) return null;
      if (remaining[r]! > 0 && selected[r]! < row.max) {
        const ratio = (row.min - selected[r]!) / remaining[r]!;
        if (ratio > bestRatio) {
          bestRatio = ratio;
          bestRow = r;
        }
      }
    }
    if (bestRow < 0) return null;
    let pick = randomInt(random, remaining[bestRow]!);
    let person = -1;
    for (const i of candidates) {
      if (alive[i] && personRows[i]!.includes(bestRow)) {
        if (pick === 0) {
          person = i;
          break;
        }
        pick--;
      }
    }
    if (person < 0) return null;
    panel.push(person);
    remove(person);
    for (const r of personRows[person]!) selected[r]!++;
    if (compiled.households.length > 0 || byHousehold.size > 0) {
      const h = people[person]!.household;
      if (h !== undefined && compiled.households.length > 0) for (const j of byHousehold.get(h) ?? []) remove(j);
    }
    for (const r of personRows[person]!) {
      if (selected[r]! >= rows[r]!.max) {
        for (const i of candidates) if (alive[i] && personRows[i]!.includes(r)) remove(i);
      }
    }
  }
  for (let r = 0; r < R; r++) if (selected[r]! < rows[r]!.min || selected[r]! > rows[r]!.max) return null;
  return panel;
}
