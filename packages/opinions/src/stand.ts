/**
 * "Where do I stand": a participant's live position on the last computed map, between recomputes.
 */
import type { Id } from './ids.ts';
import type { OpinionResult, ParticipantPosition } from './result.ts';
import type { ConversationState } from './state.ts';

/** Lookups into a result, built once per result. */
interface ResultIndex {
  statementCol: Map<Id, number>;
  modOut: Uint8Array;
  participant: Map<Id, ParticipantPosition>;
}
const indexCache = new WeakMap<OpinionResult, ResultIndex>();

/** The lookups of a result (cached per result object). */
function resultIndex(result: OpinionResult): ResultIndex {
  let idx = indexCache.get(result);
  if (!idx) {
    const statementCol = new Map<Id, number>();
    result.statements.forEach((id, j) => statementCol.set(id, j));
    const modOut = new Uint8Array(result.statements.length);
    for (const id of result.modOut) modOut[statementCol.get(id)!] = 1;
    const participant = new Map<Id, ParticipantPosition>();
    for (const p of result.participants) participant.set(p.id, p);
    idx = { statementCol, modOut, participant };
    indexCache.set(result, idx);
  }
  return idx;
}

/** Where one participant stands now: live position from their current votes on the last computed map. */
export type StandResult =
  | {
    ok: true;
    position: [number, number];
    /** The group whose centre is nearest to the live position (null when there are no groups). */
    nearestGroup: number | null;
    /** Distance to each group centre, by group id. */
    distances: Record<string, number>;
    /** The group the participant was placed in at the last recompute (null if none). */
    assignedGroup: number | null;
    votes: number;
  }
  | { ok: false; reason: 'no-result' | 'unknown-participant'; detail: string };

/**
 * Projects one participant onto the last computed map from their current votes (votes on statements that
 * arrived after the recompute are not in the map yet and are ignored), in O(their votes). Uses
 * `state.lastResult` unless a result is passed.
 */
export function whereDoIStand(state: ConversationState, participantId: Id, result: OpinionResult | null = state.lastResult): StandResult {
  if (!result) return { ok: false, reason: 'no-result', detail: 'no opinion map has been computed yet' };
  const p = state.participantIndex.get(participantId);
  if (p === undefined) return { ok: false, reason: 'unknown-participant', detail: `participant ${String(participantId)} has not voted` };
  const idx = resultIndex(result);
  const { center, comps } = result.pca;
  const nCols = result.statements.length;
  const nModOut = result.modOut.length;
  const arr = state.votes[p]!;
  const len = state.voteLength[p]!;
  let p1 = 0, p2 = 0, nv = 0, d1 = 0, d2 = 0;
  for (let t = 0; t < len; t++) {
    const e = arr[t]!;
    const j = idx.statementCol.get(state.statementIds[e >> 2]!);
    if (j === undefined || idx.modOut[j]) continue;
    const v = -((e & 3) - 1);
    const x = result.imputation === 'mean' ? v - center[j]! : v;
    p1 += x * comps[0][j]!; p2 += x * comps[1][j]!; nv++;
  }
  let x: number, y: number;
  if (result.imputation === 'mean') {
    const count = result.projectionCount === 'polis' ? nv + nModOut : nv;
    const scale = Math.sqrt(nCols / Math.max(count, 1));
    x = p1 * scale; y = p2 * scale;
  } else {
    for (let j = 0; j < nCols; j++) { d1 += center[j]! * comps[0][j]!; d2 += center[j]! * comps[1][j]!; }
    x = p1 - d1; y = p2 - d2;
  }
  let nearest: number | null = null, bestD = Infinity;
  const distances: Record<string, number> = {};
  for (const g of result.groups) {
    const d = Math.hypot(x - g.center[0], y - g.center[1]);
    distances[String(g.id)] = d;
    if (d < bestD) { bestD = d; nearest = g.id; }
  }
  return { ok: true, position: [x, y], nearestGroup: nearest, distances, assignedGroup: idx.participant.get(participantId)?.group ?? null, votes: len };
}
