// Deterministic orders: explicit comparators and a stable string hash for tie-breaks that do not depend on
// input order. Nothing random here; randomness comes from @tingsted/random.

/** A stable 32-bit FNV-1a hash of a string (used for order-independent tie-breaks). */
export function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Comparator ordering strings by UTF-16 code units (the default sort order, made explicit). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
