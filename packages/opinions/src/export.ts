/**
 * The platform-facing summary of a result: what a page or API needs, as plain JSON.
 */
import type { ConsensusItem, OpinionResult, RepnessItem } from './analyze.ts';
import type { Id } from './state.ts';

/** Compact, JSON-serialisable view of an {@link OpinionResult}. */
export interface OpinionSummary {
  revision: number;
  nParticipants: number;
  nVotes: number;
  groups: { id: number; label: string; members: Id[]; center: [number, number] }[];
  /** [participant id, x, y, group id or null] per participant with votes. */
  positions: [Id, number, number, number | null][];
  repness: Record<string, RepnessItem[]>;
  consensus: { agree: Id[]; disagree: Id[] };
  consensusDetail: { agree: ConsensusItem[]; disagree: ConsensusItem[] };
  groupAwareConsensus: { statement: Id; value: number }[];
  bridging: OpinionResult['bridging'];
  silhouettes: Record<string, number>;
  /** Statement extremity on the map and routing priority, per statement with votes. */
  statements: { id: Id; modOut: boolean; extremity: number; priority: number; x: number; y: number }[];
}

/** Builds the platform-facing summary (positions as tuples to keep it small). */
export function summarizeResult(result: OpinionResult): OpinionSummary {
  const modOut = new Set<Id>(result.modOut);
  return {
    revision: result.revision,
    nParticipants: result.nParticipants,
    nVotes: result.nVotes,
    groups: result.groups.map((g) => ({ id: g.id, label: g.label, members: g.members, center: g.center })),
    positions: result.participants.map((p) => [p.id, p.x, p.y, p.group]),
    repness: result.repness,
    consensus: { agree: result.consensus.agree.map((e) => e.statement), disagree: result.consensus.disagree.map((e) => e.statement) },
    consensusDetail: result.consensus,
    groupAwareConsensus: result.groupAwareConsensus,
    bridging: result.bridging,
    silhouettes: result.silhouettes,
    statements: result.statements.map((id, j) => ({
      id, modOut: modOut.has(id), extremity: result.pca.commentExtremity[j]!, priority: result.priorities[j]!.priority,
      x: result.pca.commentProjection[0][j]!, y: result.pca.commentProjection[1][j]!,
    })),
  };
}
