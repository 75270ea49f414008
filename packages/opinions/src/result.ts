/**
 * The shape of one opinion-map computation's result, plain JSON. Kept apart from the computation
 * (analyze.ts) so that the conversation state can hold its last result without importing the code that
 * makes it.
 */
import type { KSmoother } from './cluster.ts';
import type { Id } from './ids.ts';
import type { Imputation } from './pca.ts';
import type { ConsensusEntry, Counts, RepnessEntry } from './stats.ts';

/** A participant's place on the map. */
export interface ParticipantPosition {
  id: Id;
  x: number;
  y: number;
  votes: number;
  inConv: boolean;
  /** Opinion-group id, or null when not (yet) placed in a group. */
  group: number | null;
}

/** An opinion group with a stable id: the same group keeps its id across recomputes. */
export interface OpinionGroup {
  id: number;
  /** Letter label derived from the id: 0 → "A", 1 → "B", … */
  label: string;
  members: Id[];
  baseClusters: number[];
  center: [number, number];
}

/** A representative statement of a group (Pol.is fields, with the statement id). */
export type RepnessItem = Omit<RepnessEntry, 'col'> & { statement: Id };
/** A consensus statement (Pol.is fields, with the statement id). */
export type ConsensusItem = Omit<ConsensusEntry, 'col'> & { statement: Id };

/** The whole result of one recompute, plain JSON (no typed arrays, no Maps). */
export interface OpinionResult {
  revision: number;
  imputation: Imputation;
  projectionCount: 'polis' | 'votes';
  nParticipants: number;
  nVotes: number;
  /** Statements that have votes, in the column order used below (Pol.is's `tids`). */
  statements: Id[];
  modOut: Id[];
  pca: {
    center: number[];
    comps: [number[], number[]];
    eigenvalues: [number, number];
    iterations: number;
    converged: boolean;
    commentProjection: [number[], number[]];
    commentExtremity: number[];
  };
  participants: ParticipantPosition[];
  baseClusters: { id: number; members: Id[]; center: [number, number] }[];
  groups: OpinionGroup[];
  silhouettes: Record<string, number>;
  /** Pol.is's smoothing of the number of groups (null when groups were given or there are no base clusters). */
  kSmoother: KSmoother | null;
  groupVotes: { group: number; nMembers: number; votes: Counts[] }[];
  repness: Record<string, RepnessItem[]>;
  consensus: { agree: ConsensusItem[]; disagree: ConsensusItem[] };
  /** Highest first; ties in column order. */
  groupAwareConsensus: { statement: Id; value: number }[];
  /**
   * Bridging score per statement (not mod-out), highest first; ties in column order. Empty when bridging is off.
   * score = intercept − |polarity|: the predicted vote (−1…+1) one standard deviation to the less favourable
   * side of the main divide. votes = agrees + disagrees.
   */
  bridging: { statement: Id; score: number; intercept: number; polarity: number; votes: number }[];
  /** Routing priority per statement (column order). */
  priorities: { statement: Id; priority: number }[];
}
