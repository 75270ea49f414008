/** Routing: which statement to show a participant next, between recomputes. */
import type { Id } from './ids.ts';
import type { Random } from './prng.ts';
import type { ConversationState } from './state.ts';
import { priority } from './stats.ts';

/**
 * Picks the next statement to show a participant: among statements they have not voted on and that are not
 * rejected (with `strictModeration`, only accepted ones), chosen at random with probability proportional to
 * Pol.is's priority from the last result; a statement newer than the result gets the priority computed from
 * its live counts with extremity 0. Returns null when nothing is left. Ties and order follow statement order,
 * and the only randomness is the one passed in.
 */
export function nextStatement(state: ConversationState, participantId: Id, random: Random, options: { strictModeration?: boolean } = {}): Id | null {
  const p = state.participantIndex.get(participantId);
  const voted = new Set<number>();
  if (p !== undefined) {
    const arr = state.votes[p]!;
    for (let t = 0; t < state.voteLength[p]!; t++) voted.add(arr[t]! >> 2);
  }
  const known = new Map<Id, number>();
  if (state.lastResult) for (const e of state.lastResult.priorities) known.set(e.statement, e.priority);
  const candidates: number[] = [];
  const weights: number[] = [];
  let total = 0;
  for (let s = 0; s < state.statementIds.length; s++) {
    if (voted.has(s)) continue;
    const mod = state.moderation[s];
    if (mod === 'rejected' || (options.strictModeration && mod !== 'accepted')) continue;
    let w = known.get(state.statementIds[s]!);
    if (w === undefined) {
      const A = state.agree[s]!, D = state.disagree[s]!, P = state.pass[s]!;
      w = priority(state.isMeta[s] === true, A, P, A + D + P, 0);
    }
    candidates.push(s); weights.push(w); total += w;
  }
  if (candidates.length === 0) return null;
  if (!(total > 0)) return state.statementIds[candidates[0]!]!;
  let r = random() * total;
  for (let t = 0; t < candidates.length; t++) {
    r -= weights[t]!;
    if (r < 0) return state.statementIds[candidates[t]!]!;
  }
  return state.statementIds[candidates[candidates.length - 1]!]!;
}
