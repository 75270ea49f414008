// Shapes of the explanations a results page shows. All plain JSON data.

/** Why a project ended up funded or not. */
export type ProjectReason =
  | 'funded'
  | 'funded-in-completion'
  | 'below-threshold'
  | 'no-support'
  | 'over-budget'
  | 'not-reached'
  | 'supporters-cannot-afford'
  | 'supporters-ran-out'
  | 'not-chosen';

/** A tie that was broken while tallying. */
export interface TieRecord {
  readonly round: number;
  readonly tied: readonly string[];
  readonly winner: string;
  readonly decidedBy: string;
}

/** The explanation for one project. */
export interface ProjectExplanation {
  readonly project: string;
  readonly cost: number;
  readonly votes: number;
  readonly score: number;
  readonly selected: boolean;
  /** 1-based position in the selection order, when funded. */
  readonly rank?: number;
  readonly reason: ProjectReason;
  /**
   * Effective vote count (MES: cost ÷ the per-voter payment; Phragmén: cost ÷ the new maximal load share;
   * greedy: votes or score) when funded, or when last considered.
   */
  readonly effectiveVotes?: number;
  /** The same as an exact fraction "n/d". */
  readonly effectiveVotesExact?: string;
  /** The funded project whose selection left too little money for this one. */
  readonly displacedBy?: string;
  /** One sentence for people. */
  readonly detail: string;
}

/** The money one voter's share paid toward one funded project. */
export interface Payment {
  readonly project: string;
  readonly amount: number;
  readonly exact: string;
}

/** The explanation for one voter. */
export interface VoterExplanation {
  readonly voter: string;
  /** Funded projects on this voter's ballot. */
  readonly funded: readonly string[];
  /** What this voter's share paid for (MES: actual payments; Phragmén: load increases; greedy: equal split). */
  readonly payments: readonly Payment[];
}

/** A tally's outcome. */
export interface TallyResult {
  readonly rule: string;
  /** Funded project ids in selection order. */
  readonly selected: readonly string[];
  readonly cost: number;
  readonly budget: number;
  readonly explanations: {
    readonly projects: readonly ProjectExplanation[];
    readonly voters: readonly VoterExplanation[];
  };
  readonly ties: readonly TieRecord[];
  /** Rule-specific facts: endowment used by Add1, iterations, comparison-step counts, … */
  readonly details: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}
