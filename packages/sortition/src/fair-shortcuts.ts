/**
 * Lotteries the fair solver finds without column generation: the uniform lottery over a balanced design
 * (everyone at seats/candidates, the largest possible minimum) and the relaxed LEXIMIN point reached by a
 * design with exact exchanges.
 */
import { panelKey, type GroupPanel } from './oracle.ts';
import type { RelaxationLottery } from './target.ts';
import type { GroupLottery } from './fair-types.ts';

/** The uniform lottery over a balanced design's panels (duplicates merged, first occurrence order). */
export function uniformLottery(design: readonly GroupPanel[], sizes: readonly number[], t0: number, tDesign: number, tEnd: number, G: number): GroupLottery {
  const index = new Map<string, number>();
  const panels: GroupPanel[] = [];
  const weights: number[] = [];
  for (const p of design) {
    const key = panelKey(p);
    const j = index.get(key);
    if (j === undefined) {
      index.set(key, panels.length);
      panels.push(p);
      weights.push(1 / design.length);
    } else weights[j]! += 1 / design.length;
  }
  const groupProbability = new Float64Array(G);
  panels.forEach((p, j) => {
    for (let i = 0; i < p.groups.length; i++) groupProbability[p.groups[i]!]! += (weights[j]! * p.counts[i]!) / sizes[p.groups[i]!]!;
  });
  return {
    panels,
    weights,
    groupProbability,
    zeroGroups: [],
    shortfall: 0,
    stats: {
      seconds: { feasibility: 0, warmStart: tDesign - t0, columnGeneration: 0, finalSolve: tEnd - tDesign, total: tEnd - t0 },
      lpCalls: 0,
      mipCalls: 0,
      lpSeconds: 0,
      mipSeconds: 0,
      panelsGenerated: design.length,
      heuristicPanels: design.length,
      heuristicSeconds: tDesign - t0,
      levels: 1,
      groups: G,
      route: 'balanced-design',
    },
  };
}

/** The lottery found through the relaxation, with its statistics. */
export function relaxationLottery(r: RelaxationLottery, t0: number, tEnd: number, G: number): GroupLottery {
  let shortfall = 0;
  for (let g = 0; g < G; g++) shortfall = Math.max(shortfall, r.relaxed.probability[g]! - r.groupProbability[g]!);
  return {
    panels: r.panels,
    weights: r.weights,
    groupProbability: r.groupProbability,
    zeroGroups: [],
    shortfall,
    stats: {
      seconds: {
        feasibility: 0,
        warmStart: r.seconds.relaxation + r.seconds.design,
        columnGeneration: 0,
        finalSolve: r.seconds.exchange,
        total: tEnd - t0,
      },
      lpCalls: r.lpCalls,
      mipCalls: 0,
      lpSeconds: r.seconds.relaxation + r.seconds.exchange,
      mipSeconds: 0,
      panelsGenerated: r.designPanels + r.exchanges.used,
      heuristicPanels: r.designPanels + r.exchanges.used,
      heuristicSeconds: r.seconds.design,
      levels: r.relaxed.levels,
      groups: G,
      route: 'relaxation',
    },
  };
}
