/**
 * Agreement between two partitions: the adjusted Rand index (Hubert & Arabie, 1985).
 */

/**
 * Adjusted Rand index of two labelings of the same items (arrays of equal length; any label values).
 * 1 = identical partitions, about 0 = chance agreement. Two single-cluster labelings give 1.
 */
export function adjustedRandIndex(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: lengths differ (${a.length} vs ${b.length})`);
  const n = a.length;
  const table = new Map<string, number>();
  const rowSum = new Map<string | number, number>();
  const colSum = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${typeof a[i]}:${String(a[i])}\u0000${typeof b[i]}:${String(b[i])}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSum.set(a[i]!, (rowSum.get(a[i]!) ?? 0) + 1);
    colSum.set(b[i]!, (colSum.get(b[i]!) ?? 0) + 1);
  }
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let index = 0, sa = 0, sb = 0;
  for (const v of table.values()) index += c2(v);
  for (const v of rowSum.values()) sa += c2(v);
  for (const v of colSum.values()) sb += c2(v);
  const total = c2(n);
  if (total === 0) return 1;
  const expected = (sa * sb) / total;
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
