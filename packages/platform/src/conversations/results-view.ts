import type { OpinionResult } from '@tingsted/opinions';

/** A statement as the results view cites it: its number and the share of votes. */
export interface ViewStatement {
  readonly number: number;
  readonly agree: number;
  readonly disagree: number;
  readonly pass: number;
}

/** One opinion group on the map and what it believes. */
export interface ViewGroup {
  readonly id: number;
  readonly label: string;
  readonly size: number;
  /** Centre in map coordinates (the SVG's). */
  readonly cx: number;
  readonly cy: number;
  /** SVG path data: the group's outline (convex hull), and its members as dots. */
  readonly outline: string;
  readonly dots: string;
  /**
   * Representative statements: number, which way the group leans, how many of the group's members who saw it
   * voted that way (`count` of `seen`) and that raw share in whole percent. (`votes` is `seen`, kept for old
   * clients.) The smoothed estimate only chose them; it is never shown.
   */
  readonly repness: { number: number; side: 'agree' | 'disagree'; count: number; seen: number; percent: number; votes: number }[];
  /** Per statement number, the group's agree / disagree / pass counts (for the table). */
  readonly votes: Record<string, [number, number, number]>;
}

/**
 * Everything the results page and API show, precomputed by the recompute job so that rendering is a read:
 * map geometry in a fixed 0–1000 box, groups with their representative statements, consensus, bridging and
 * divisive statements, routing priorities.
 */
export interface ResultsView {
  readonly revision: number;
  readonly nParticipants: number;
  readonly nVotes: number;
  readonly nInGroups: number;
  readonly size: number;
  /** How result coordinates map to the SVG's: svgX = offsetX + (x − minX)·scale, svgY = size − (offsetY + (y − minY)·scale). */
  readonly place: { minX: number; minY: number; scale: number; offsetX: number; offsetY: number; size: number };
  /** Dots of participants not (yet) in a group. */
  readonly ungrouped: string;
  readonly groups: ViewGroup[];
  /** Statements most people agree (disagree) on across groups, with the raw count of everyone who saw them. */
  readonly consensus: { agree: ViewShare[]; disagree: ViewShare[] };
  readonly bridging: { number: number; score: number }[];
  /** Statements that split the map most (largest |polarity| along the main divide). */
  readonly divisive: { number: number; polarity: number }[];
  readonly priorities: [number, number][];
  readonly totals: Record<string, [number, number, number]>;
}

/** A statement with how many voted one way of how many saw it, and that share in whole percent. */
export interface ViewShare {
  readonly number: number;
  readonly count: number;
  readonly seen: number;
  readonly percent: number;
}

/** The default smallest group shown (Pol.is's); smaller ones are drawn as people not in a group. */
export const minimumGroupSize = 3;

/** True when most of those who saw a statement passed on it: it is neither consensus nor bridging. */
function mostlyPassed([agree, disagree, pass]: readonly [number, number, number]): boolean {
  return pass * 2 > agree + disagree + pass;
}

const size = 1000;
const margin = 40;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, for the group outlines. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

function dotsPath(points: readonly [number, number][]): string {
  // Each dot is a zero-length segment drawn with a round cap: one path element for a whole group.
  const seen = new Set<string>();
  let d = '';
  for (const [x, y] of points) {
    const key = `${Math.round(x)},${Math.round(y)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    d += `M${key}h0`;
  }
  return d;
}

function outlinePath(points: readonly [number, number][]): string {
  const hull = convexHull(points);
  if (hull.length === 0) return '';
  return `M${hull.map(([x, y]) => `${round(x)},${round(y)}`).join('L')}Z`;
}

function percent(n: number, of: number): number {
  return of === 0 ? 0 : Math.round((n * 100) / of);
}

/** Builds the stored view of a result (statement ids are the statements' numbers). */
export function buildResultsView(result: OpinionResult, revision: number, totals: Map<number, [number, number, number]>, minGroupSize = minimumGroupSize): ResultsView {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of result.participants) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const scale = (size - 2 * margin) / span;
  const offsetX = margin + (size - 2 * margin - (maxX - minX) * scale) / 2;
  const offsetY = margin + (size - 2 * margin - (maxY - minY) * scale) / 2;
  // SVG y grows downwards; flip so the map reads like a chart.
  const place = (x: number, y: number): [number, number] => (result.participants.length === 0 ? [size / 2, size / 2] : [offsetX + (x - minX) * scale, size - (offsetY + (y - minY) * scale)]);

  const byGroup = new Map<number | null, [number, number][]>();
  for (const p of result.participants) {
    const list = byGroup.get(p.group) ?? [];
    list.push(place(p.x, p.y));
    byGroup.set(p.group, list);
  }
  const columns = new Map<number, number>();
  result.statements.forEach((id, j) => columns.set(Number(id), j));
  // A group too small to say anything about is shown as people not in a group.
  const shown = result.groups.filter((g) => g.members.length >= minGroupSize);
  for (const g of result.groups) {
    if (g.members.length >= minGroupSize) continue;
    byGroup.set(null, [...(byGroup.get(null) ?? []), ...(byGroup.get(g.id) ?? [])]);
    byGroup.delete(g.id);
  }
  const groups: ViewGroup[] = shown.map((g) => {
    const points = byGroup.get(g.id) ?? [];
    const [cx, cy] = place(g.center[0], g.center[1]);
    const gv = result.groupVotes.find((v) => v.group === g.id);
    const votes: Record<string, [number, number, number]> = {};
    if (gv) {
      for (const [number, j] of columns) {
        const c = gv.votes[j];
        if (c && c.S > 0) votes[String(number)] = [c.A, c.D, c.S - c.A - c.D];
      }
    }
    return {
      id: g.id,
      label: g.label,
      size: g.members.length,
      cx: round(cx),
      cy: round(cy),
      outline: outlinePath(points),
      dots: dotsPath(points),
      repness: (result.repness[String(g.id)] ?? []).map((r) => {
        const [agree = 0, disagree = 0, pass = 0] = votes[String(Number(r.statement))] ?? [];
        const seen = agree + disagree + pass;
        const count = r['repful-for'] === 'agree' ? agree : disagree;
        return { number: Number(r.statement), side: r['repful-for'], count, seen, percent: percent(count, seen), votes: seen };
      }),
      votes,
    };
  });
  const count = (n: number) => totals.get(n) ?? [0, 0, 0];
  const share = (n: number, which: 0 | 1): ViewShare => {
    const [a, d, p] = count(n);
    const n1 = which === 0 ? a : d;
    return { number: n, count: n1, seen: a + d + p, percent: percent(n1, a + d + p) };
  };
  const totalsRecord: Record<string, [number, number, number]> = {};
  for (const [n, t] of totals) totalsRecord[String(n)] = t;
  const divisive = [...result.bridging]
    .filter((b) => b.votes >= 5)
    .sort((a, b) => Math.abs(b.polarity) - Math.abs(a.polarity) || Number(a.statement) - Number(b.statement))
    .slice(0, 5)
    .map((b) => ({ number: Number(b.statement), polarity: Math.round(b.polarity * 100) / 100 }));
  return {
    revision,
    nParticipants: result.nParticipants,
    nVotes: result.nVotes,
    nInGroups: shown.reduce((n, g) => n + g.members.length, 0),
    size,
    place: { minX: Number.isFinite(minX) ? minX : 0, minY: Number.isFinite(minY) ? minY : 0, scale, offsetX, offsetY, size },
    ungrouped: dotsPath(byGroup.get(null) ?? []),
    groups,
    consensus: {
      agree: result.consensus.agree.filter((c) => !mostlyPassed(count(Number(c.statement)))).map((c) => share(Number(c.statement), 0)),
      disagree: result.consensus.disagree.filter((c) => !mostlyPassed(count(Number(c.statement)))).map((c) => share(Number(c.statement), 1)),
    },
    bridging: result.bridging
      .filter((b) => !mostlyPassed(count(Number(b.statement))))
      .slice(0, 5)
      .map((b) => ({ number: Number(b.statement), score: Math.round(b.score * 100) / 100 })),
    divisive,
    priorities: result.priorities.map((p) => [Number(p.statement), p.priority]),
    totals: totalsRecord,
  };
}
