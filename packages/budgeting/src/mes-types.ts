// The types every MES engine shares (grouped, per-voter, reference), kept below them so that the engines and
// their shared round import them from here and the dependency runs one way: mes.ts → mes-points.ts →
// mes-round.ts → mes-types.ts.
import type { RuleOutcome } from './outcome.ts';
import type { Q } from './rational.ts';

/**
 * What a voter gains from a funded project they chose: its cost ('cost', the equalshares.net default), one unit
 * ('approval', i.e. cardinality), or the points they gave it ('points').
 */
export type MesUtility = 'cost' | 'approval' | 'points';

/** Options for one fixed-endowment MES run. */
export interface MesRunOptions {
  readonly utility: MesUtility;
  /** Endowment per voter (exact). */
  readonly endowment: Q;
  /** Evaluate every candidate every round and record per-voter payments (slower; for explanations). */
  readonly explain: boolean;
}

/** The result of one fixed-endowment MES run. */
export interface MesRun extends RuleOutcome {
  /** Exact ρ and payment of each funded project, parallel to `selected`. */
  readonly rho: Q[];
}
