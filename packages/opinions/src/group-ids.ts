/** Stable ids and letter labels of opinion groups across recomputes. */
import type { Id } from './ids.ts';
import type { OpinionResult } from './result.ts';

/** The letter label of a group id: 0 → "A", 1 → "B", …, 25 → "Z", 26 → "AA", … */
export function groupLabel(id: number): string {
  let s = '';
  let n = id;
  do { s = String.fromCharCode(65 + (n % 26)) + s; n = Math.floor(n / 26) - 1; } while (n >= 0);
  return s;
}

/**
 * Stable group ids: with a previous result, each new group takes the id of the previous group it shares the
 * most members with (the assignment maximising total overlap; ties resolved by the first permutation in
 * lexicographic order); groups without a match get the smallest unused ids. Without a previous result ids
 * follow group size (largest first; ties by the earliest member).
 */
export function assignGroupIds(newGroups: number[][], rowIds: Id[], previous: OpinionResult | null | undefined): number[] {
  const n = newGroups.length;
  const bySize = Array.from({ length: n }, (_, i) => i).sort((a, b) => newGroups[b]!.length - newGroups[a]!.length || (newGroups[a]![0] ?? 0) - (newGroups[b]![0] ?? 0) || a - b);
  const ids = new Array<number>(n).fill(-1);
  if (!previous || previous.groups.length === 0) {
    bySize.forEach((g, rank) => { ids[g] = rank; });
    return ids;
  }
  const prev = previous.groups;
  const memberOf = new Map<Id, number>();
  prev.forEach((g, gi) => { for (const m of g.members) memberOf.set(m, gi); });
  const overlap = newGroups.map((rows) => {
    const o = new Array<number>(prev.length).fill(0);
    for (const r of rows) { const gi = memberOf.get(rowIds[r]!); if (gi !== undefined) o[gi]!++; }
    return o;
  });
  // exhaustive search over injective matchings (≤ 5 × 5 groups)
  let best = -1;
  let bestMatch: number[] = [];
  const cur: number[] = [];
  const used = new Array<boolean>(prev.length).fill(false);
  const search = (i: number, total: number): void => {
    if (i === n) { if (total > best) { best = total; bestMatch = [...cur]; } return; }
    for (let h = 0; h < prev.length; h++) {
      if (used[h] || overlap[i]![h]! === 0) continue;
      used[h] = true; cur.push(h);
      search(i + 1, total + overlap[i]![h]!);
      cur.pop(); used[h] = false;
    }
    cur.push(-1); search(i + 1, total); cur.pop();
  };
  search(0, 0);
  const taken = new Set<number>();
  bestMatch.forEach((h, i) => { if (h >= 0) { ids[i] = prev[h]!.id; taken.add(prev[h]!.id); } });
  for (const prevG of prev) taken.add(prevG.id);
  let nextId = 0;
  for (const g of bySize) {
    if (ids[g]! >= 0) continue;
    while (taken.has(nextId)) nextId++;
    ids[g] = nextId; taken.add(nextId);
  }
  return ids;
}
