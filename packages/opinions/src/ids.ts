/** A participant or statement identifier as it appears in the source (Pol.is uses integers). */
export type Id = string | number;

/** Integer-looking ids become numbers (as in Pol.is); anything else stays a string. */
export function parseId(raw: string): Id {
  const t = raw.trim();
  return /^(0|-?[1-9]\d{0,14})$/.test(t) ? Number(t) : t;
}

/** Orders ids: numbers ascending, then strings in code-unit order. */
export function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
