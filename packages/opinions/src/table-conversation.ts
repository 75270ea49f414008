/**
 * A conversation built from a votes table (votes.csv read into columns, see votes-table.ts): the order in which
 * votes apply, and the conversation state they give, without an object per vote.
 */
import { compareIds, type Id } from './ids.ts';
import { createConversation, ensureParticipant, loadVotes, upsertStatement, type ConversationState, type Moderation } from './state.ts';
import type { VotesTable } from './votes-table.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The order in which votes are applied: by timestamp, missing timestamps first, ties in file order (a stable
 * sort, as buildConversation). Each vote becomes one 64-bit key, (timestamp − earliest + 1) × 2^b + its
 * position (b bits hold every position; a missing timestamp counts as 0), and the keys are sorted natively:
 * no comparator calls. Timestamps spread over more than 2^(63−b) ms (about 280 years for a million votes), or
 * a big-endian machine, take a comparator sort instead.
 */
export function timestampOrder(timestamp: Float64Array): Uint32Array {
  const n = timestamp.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const t = timestamp[k]!;
    if (k > 0 && !(key(t) >= key(timestamp[k - 1]!))) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (sorted) {
    for (let k = 0; k < n; k++) order[k] = k;
    return order;
  }
  let bits = 1;
  while (2 ** bits < n) bits++;
  const span = max - min + 1;
  if (!LITTLE_ENDIAN || !(span < 2 ** (63 - bits)) || !Number.isSafeInteger(span) || !Number.isInteger(min)) {
    for (let k = 0; k < n; k++) order[k] = k;
    return order.sort((a, b) => key(timestamp[a]!) - key(timestamp[b]!) || a - b);
  }
  const keys = new BigInt64Array(n);
  const words = new Uint32Array(keys.buffer);
  // key = d × 2^bits + k as two 32-bit words: d = hi × 2^(32−bits) + lo, low word lo × 2^bits + k, high word hi.
  const loSpan = 2 ** (32 - bits);
  for (let k = 0; k < n; k++) {
    const t = timestamp[k]!;
    const d = Number.isNaN(t) ? 0 : t - min + 1;
    const hi = Math.floor(d / loSpan);
    words[2 * k] = (d - hi * loSpan) * 2 ** bits + k;
    words[2 * k + 1] = hi;
  }
  keys.sort();
  const mask = 2 ** bits - 1;
  for (let k = 0; k < n; k++) order[k] = bits === 32 ? words[2 * k]! : words[2 * k]! & mask;
  return order;
}

function key(t: number): number {
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * Builds a conversation from statements and a votes table: the same state as buildConversation with the same
 * votes as records (statements in id order, votes applied in timestamp order with ties in file order, so a
 * later re-vote overwrites an earlier one, participants numbered in order of first vote). Nothing is sorted by
 * time: each participant's and statement's first vote is found in one pass, only the participants and the new
 * statements are ordered by it, and each participant's votes (gathered by a counting sort) keep per statement
 * the last one in time, ties to the later line.
 */
export function buildConversationFromTable(comments: readonly { id: Id; moderation: Moderation; isMeta: boolean }[], table: VotesTable): ConversationState {
  const state = createConversation();
  const sorted = [...comments].sort((a, b) => compareIds(a.id, b.id));
  for (const c of sorted) upsertStatement(state, { id: c.id, moderation: c.moderation, isMeta: c.isMeta });
  const n = table.length;
  const { participant, statement, timestamp } = table;
  const nTP = table.participantIds.length;
  const nTS = table.statementIds.length;
  // The first vote (in time, then in the file) of each participant and statement of the table.
  const firstP = firstVotes(participant, timestamp, nTP);
  const firstS = firstVotes(statement, timestamp, nTS);
  const byFirst = (first: Int32Array) => (a: number, b: number): number => {
    const x = first[a]!, y = first[b]!;
    return timeKey(timestamp[x]!) - timeKey(timestamp[y]!) || x - y;
  };
  const sIndex = new Int32Array(nTS);
  const newStatements: number[] = [];
  for (let ts = 0; ts < nTS; ts++) {
    const s = state.statementIndex.get(table.statementIds[ts]!);
    if (s === undefined) { if (firstS[ts]! >= 0) newStatements.push(ts); } else sIndex[ts] = s;
  }
  for (const ts of newStatements.sort(byFirst(firstS))) sIndex[ts] = upsertStatement(state, { id: table.statementIds[ts]! });
  const pIndex = new Int32Array(nTP);
  const voters = Array.from({ length: nTP }, (_, tp) => tp).filter((tp) => firstP[tp]! >= 0).sort(byFirst(firstP));
  for (const tp of voters) pIndex[tp] = ensureParticipant(state, table.participantIds[tp]!);
  // Each participant's votes, in file order, back to back.
  const nP = state.participantIds.length;
  const start = new Int32Array(nP + 1);
  for (let k = 0; k < n; k++) start[pIndex[participant[k]!]! + 1]!++;
  for (let p = 0; p < nP; p++) start[p + 1]! += start[p]!;
  const fill = start.slice(0, nP);
  const mine = new Int32Array(n);
  for (let k = 0; k < n; k++) mine[fill[pIndex[participant[k]!]!]!++] = k;
  // Per participant: the winning vote per statement (later in time wins, a tie goes to the later line).
  const win = new Int32Array(state.statementIds.length).fill(-1);
  const touched = new Int32Array(state.statementIds.length);
  for (let p = 0; p < nP; p++) {
    let distinct = 0;
    for (let at = start[p]!; at < start[p + 1]!; at++) {
      const k = mine[at]!;
      const s = sIndex[statement[k]!]!;
      const w = win[s]!;
      if (w < 0) touched[distinct++] = s;
      if (w < 0 || timeKey(timestamp[k]!) >= timeKey(timestamp[w]!)) win[s] = k;
    }
    const list = touched.subarray(0, distinct).sort();
    const packed = new Int32Array(distinct);
    for (let d = 0; d < distinct; d++) {
      const s = list[d]!;
      packed[d] = (s << 2) | (table.vote[win[s]!]! + 1);
      win[s] = -1;
    }
    loadVotes(state, p, packed);
  }
  state.revision += n;
  return state;
}

/** For each of `count` ids, the position of its first vote in time (ties: the first line), -1 when none. */
function firstVotes(ids: Int32Array, timestamp: Float64Array, count: number): Int32Array {
  const first = new Int32Array(count).fill(-1);
  const at = new Float64Array(count);
  for (let k = 0; k < ids.length; k++) {
    const i = ids[k]!;
    const t = timeKey(timestamp[k]!);
    if (first[i]! < 0 || t < at[i]!) { first[i] = k; at[i] = t; }
  }
  return first;
}

/** A vote's place in time: a missing timestamp comes before every other. */
function timeKey(t: number): number {
  return Number.isNaN(t) ? -Infinity : t;
}
