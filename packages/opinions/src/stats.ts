/**
 * Pol.is's per-statement statistics: proportion tests, representativeness (repness) per group, consensus
 * statements, group-aware consensus, and the routing priority. Counts use the export convention
 * (A = agrees, D = disagrees, S = all votes seen including passes).
 */

/** Vote counts for one statement within a set of participants. */
export interface Counts {
  A: number;
  D: number;
  S: number;
}

/** z for a one-sided 90 % test, as Pol.is's z-sig-90. */
export const Z90 = 1.2816;

/** Pol.is's one-proportion test with a +1 pseudo-count: 2·√(n+1)·((succ+1)/(n+1) − ½). */
export function propTest(succ: number, n: number): number {
  const s = succ + 1, m = n + 1;
  return 2 * Math.sqrt(m) * (s / m - 0.5);
}

/** Pol.is's two-proportion z test with +1 pseudo-counts on all four numbers; 0 when the pooled share is 1. */
export function twoPropTest(succ1: number, n1: number, succ2: number, n2: number): number {
  const s1 = succ1 + 1, m1 = n1 + 1, s2 = succ2 + 1, m2 = n2 + 1;
  const p1 = s1 / m1, p2 = s2 / m2;
  const pHat = (s1 + s2) / (m1 + m2);
  if (pHat === 1) return 0;
  return (p1 - p2) / Math.sqrt(pHat * (1 - pHat) * (1 / m1 + 1 / m2));
}

/** One representative statement of a group (field names follow Pol.is's math export). */
export interface RepnessEntry {
  /** Column index of the statement (mapped to the statement id by the caller). */
  col: number;
  'n-success': number;
  'n-trials': number;
  'p-success': number;
  'p-test': number;
  repness: number;
  'repness-test': number;
  'repful-for': 'agree' | 'disagree';
  'best-agree'?: boolean;
  'n-agree'?: number;
}

interface FullStats {
  col: number;
  na: number; nd: number; ns: number;
  pa: number; pd: number; pat: number; pdt: number;
  ra: number; rd: number; rat: number; rdt: number;
}

function fullStats(col: number, g: Counts, rest: Counts): FullStats {
  const { A: na, D: nd, S: ns } = g;
  const pa = (na + 1) / (ns + 2), pd = (nd + 1) / (ns + 2);
  return {
    col, na, nd, ns, pa, pd,
    pat: propTest(na, ns), pdt: propTest(nd, ns),
    ra: pa / ((rest.A + 1) / (rest.S + 2)),
    rd: pd / ((rest.D + 1) / (rest.S + 2)),
    rat: twoPropTest(na, ns, rest.A, rest.S),
    rdt: twoPropTest(nd, ns, rest.D, rest.S),
  };
}

function finalize(s: FullStats): RepnessEntry {
  const agree = s.rat > s.rdt;
  return agree
    ? { col: s.col, 'n-success': s.na, 'n-trials': s.ns, 'p-success': s.pa, 'p-test': s.pat, repness: s.ra, 'repness-test': s.rat, 'repful-for': 'agree' }
    : { col: s.col, 'n-success': s.nd, 'n-trials': s.ns, 'p-success': s.pd, 'p-test': s.pdt, repness: s.rd, 'repness-test': s.rdt, 'repful-for': 'disagree' };
}

function metric(e: RepnessEntry): number {
  return e.repness * e['repness-test'] * e['p-success'] * e['p-test'];
}

function beatsBestAgree(s: FullStats, cur: FullStats | null): boolean {
  if (s.na === 0 && s.nd === 0) return false;
  if (cur && cur.ra > 1) return s.ra * s.rat * s.pa * s.pat > cur.ra * cur.rat * cur.pa * cur.pat;
  if (cur) return s.pa * s.pat > cur.pa * cur.pat;
  return s.pat > Z90 || (s.ra > 1 && s.pa > 0.5);
}

/**
 * Representative statements per group, Pol.is's select-rep-comments: statements significant at 90 % both
 * within the group and against the rest (agree or disagree side), ranked by repness × repness-test ×
 * p-success × p-test, at most 5, with the group's best "agree" statement first, agrees before disagrees.
 * When nothing passes, the single best statement by test is used. Columns in `modOut` are skipped.
 * Ties keep column order (stable sort).
 */
export function selectRepness(groupCounts: Counts[][], modOut: Uint8Array, maxPerGroup = 5): RepnessEntry[][] {
  const nGroups = groupCounts.length;
  const nCols = modOut.length;
  const out: RepnessEntry[][] = [];
  for (let g = 0; g < nGroups; g++) {
    let best: RepnessEntry | null = null;
    let bestAgree: FullStats | null = null;
    const sufficient: RepnessEntry[] = [];
    for (let j = 0; j < nCols; j++) {
      if (modOut[j]) continue;
      const own = groupCounts[g]![j]!;
      const rest: Counts = { A: 0, D: 0, S: 0 };
      for (let h = 0; h < nGroups; h++) {
        if (h === g) continue;
        const c = groupCounts[h]![j]!;
        rest.A += c.A; rest.D += c.D; rest.S += c.S;
      }
      const s = fullStats(j, own, rest);
      if ((s.rat > Z90 && s.pat > Z90) || (s.rdt > Z90 && s.pdt > Z90)) sufficient.push(finalize(s));
      if (best === null || Math.max(s.rat, s.rdt) > best['repness-test']) best = finalize(s);
      if (beatsBestAgree(s, bestAgree)) bestAgree = s;
    }
    let head: RepnessEntry[] = [];
    if (bestAgree) head = [{ ...finalize(bestAgree), 'n-agree': bestAgree.na, 'best-agree': true }];
    let selected: RepnessEntry[];
    if (sufficient.length === 0) selected = head.length > 0 ? head : best ? [best] : [];
    else {
      const headCols = new Set(head.map((e) => e.col));
      const ranked = sufficient
        .filter((e) => !headCols.has(e.col))
        .map((e, i) => ({ e, i, m: metric(e) }))
        .sort((a, b) => b.m - a.m || a.i - b.i)
        .map((x) => x.e);
      selected = [...head, ...ranked].slice(0, maxPerGroup);
    }
    const agrees = selected.filter((e) => e['repful-for'] === 'agree');
    const disagrees = selected.filter((e) => e['repful-for'] === 'disagree');
    out.push([...agrees, ...disagrees]);
  }
  return out;
}

/** One consensus statement (Pol.is field names). */
export interface ConsensusEntry {
  col: number;
  'n-success': number;
  'n-trials': number;
  'p-success': number;
  'p-test': number;
}

/**
 * Consensus statements over all participants: agreed by more than half with a significant proportion test
 * (z > 1.2816), sorted by p-success × p-test (ties: column order), at most 5 per side; mod-out skipped.
 */
export function selectConsensus(total: Counts[], modOut: Uint8Array, maxPerSide = 5): { agree: ConsensusEntry[]; disagree: ConsensusEntry[] } {
  const pick = (side: 'A' | 'D'): ConsensusEntry[] => {
    const list: ConsensusEntry[] = [];
    for (let j = 0; j < total.length; j++) {
      if (modOut[j]) continue;
      const c = total[j]!;
      const succ = side === 'A' ? c.A : c.D;
      const p = (succ + 1) / (c.S + 2);
      const z = propTest(succ, c.S);
      if (p > 0.5 && z > Z90) list.push({ col: j, 'n-success': succ, 'n-trials': c.S, 'p-success': p, 'p-test': z });
    }
    return list.map((e, i) => ({ e, i, m: e['p-success'] * e['p-test'] }))
      .sort((a, b) => b.m - a.m || a.i - b.i).slice(0, maxPerSide).map((x) => x.e);
  };
  return { agree: pick('A'), disagree: pick('D') };
}

/** Group-aware consensus of one statement: the product over groups of (agrees + 1) / (votes + 2). */
export function groupAwareConsensus(groupCounts: Counts[][], col: number): number {
  let p = 1;
  for (const g of groupCounts) { const c = g[col]!; p *= (c.A + 1) / (c.S + 2); }
  return p;
}

/** Priority Pol.is gives a meta statement (7², shown early). */
export const META_PRIORITY = 49;

/**
 * Pol.is's routing priority of a statement: ((1 − p)·(E + 1)·a · (1 + 8·2^(−S/5)))², with
 * p = (P + 1)/(S + 2) the pass share, a = (A + 1)/(S + 2) the agree share, E the statement's extremity on the
 * map; meta statements get 49. New statements (small S) bubble up.
 */
export function priority(isMeta: boolean, A: number, P: number, S: number, E: number): number {
  if (isMeta) return META_PRIORITY;
  const p = (P + 1) / (S + 2);
  const a = (A + 1) / (S + 2);
  const v = (1 - p) * (E + 1) * a * (1 + 8 * Math.pow(2, -S / 5));
  return v * v;
}
