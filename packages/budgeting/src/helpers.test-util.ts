// Small builders for hand-checkable elections in tests.
import type { Ballot, Election, Project } from './model.ts';

/** Builds an approval election from "cost" per project and approval lists per voter. */
export function approvalElection(budget: number, costs: Record<string, number>, votes: string[][]): Election {
  const projects: Project[] = Object.entries(costs).map(([id, cost]) => ({ id, cost }));
  const ballots: Ballot[] = votes.map((projects, i) => ({ voter: `v${i + 1}`, projects }));
  return { budget, voteType: 'approval', projects, ballots, rules: {}, moneyScale: 1, meta: {} };
}

/** Parses "n/d" or "n" into a [numerator, denominator] pair of BigInts. */
export function frac(s: string): [bigint, bigint] {
  const [n, d] = s.split('/');
  return [BigInt(n!), BigInt(d ?? '1')];
}

/** Adds two fractions given as pairs. */
export function fadd(a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] {
  return [a[0] * b[1] + b[0] * a[1], a[1] * b[1]];
}

/** True when a = b as rationals. */
export function feq(a: [bigint, bigint], b: [bigint, bigint]): boolean {
  return a[0] * b[1] === b[0] * a[1];
}

/** True when a ≤ b as rationals (positive denominators). */
export function fle(a: [bigint, bigint], b: [bigint, bigint]): boolean {
  return a[0] * b[1] <= b[0] * a[1];
}

/** Comparator by UTF-16 code units (deterministic string order). */
export function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
