/**
 * Conversation state: statements, participants and their votes, stored sparsely so that memory grows with the
 * number of votes, never with participants × statements. Each participant keeps one sorted Int32Array of
 * packed entries (statement index × 4 + vote + 1), 4 bytes per vote.
 */
import type { Id } from './ids.ts';
import type { OpinionResult } from './result.ts';

export type { Id } from './ids.ts';

/** A vote as exported by Pol.is: agree = +1, disagree = -1, pass = 0. */
export type Vote = -1 | 0 | 1;

/** Moderation state of a statement (Pol.is: 1 accepted, 0 not yet moderated, -1 rejected). */
export type Moderation = 'accepted' | 'unmoderated' | 'rejected';

/** A statement as added to a conversation. */
export interface StatementInput {
  id: Id;
  moderation?: Moderation;
  /** Meta statements (e.g. demographics) are shown but left out of the opinion map, as in Pol.is. */
  isMeta?: boolean;
}

/** Mutable conversation state. Create with {@link createConversation}; change only through this module's functions. */
export interface ConversationState {
  statementIds: Id[];
  statementIndex: Map<Id, number>;
  moderation: Moderation[];
  isMeta: boolean[];
  /** Live counts per statement index over all participants. */
  agree: number[];
  disagree: number[];
  pass: number[];
  participantIds: Id[];
  participantIndex: Map<Id, number>;
  /** Packed sorted votes per participant (index = order of first vote); first `voteLength[p]` entries are used. */
  votes: Int32Array[];
  voteLength: number[];
  nVotes: number;
  /** Bumped on every change, so a result can tell whether it is stale. */
  revision: number;
  /** The result of the last {@link recompute}, used by whereDoIStand and nextStatement. */
  lastResult: OpinionResult | null;
}

/** Creates an empty conversation. */
export function createConversation(): ConversationState {
  return {
    statementIds: [], statementIndex: new Map(), moderation: [], isMeta: [],
    agree: [], disagree: [], pass: [],
    participantIds: [], participantIndex: new Map(), votes: [], voteLength: [], nVotes: 0, revision: 0, lastResult: null,
  };
}

/**
 * Adds a statement, or updates its moderation / meta flag when it exists already.
 * Returns the statement's index.
 */
export function upsertStatement(state: ConversationState, input: StatementInput): number {
  const existing = state.statementIndex.get(input.id);
  if (existing !== undefined) {
    if (input.moderation !== undefined) state.moderation[existing] = input.moderation;
    if (input.isMeta !== undefined) state.isMeta[existing] = input.isMeta;
    state.revision++;
    return existing;
  }
  const index = state.statementIds.length;
  state.statementIds.push(input.id);
  state.statementIndex.set(input.id, index);
  state.moderation.push(input.moderation ?? 'unmoderated');
  state.isMeta.push(input.isMeta ?? false);
  state.agree.push(0); state.disagree.push(0); state.pass.push(0);
  state.revision++;
  return index;
}

/** Sets a statement's moderation (accepted, rejected, unmoderated). Throws if the statement is unknown. */
export function moderateStatement(state: ConversationState, id: Id, moderation: Moderation, isMeta?: boolean): void {
  const index = state.statementIndex.get(id);
  if (index === undefined) throw new Error(`moderateStatement: unknown statement ${String(id)}`);
  state.moderation[index] = moderation;
  if (isMeta !== undefined) state.isMeta[index] = isMeta;
  state.revision++;
}

/** Returns the participant's index, creating the participant (in order of first appearance) if needed. */
export function ensureParticipant(state: ConversationState, id: Id): number {
  let p = state.participantIndex.get(id);
  if (p === undefined) {
    p = state.participantIds.length;
    state.participantIds.push(id);
    state.participantIndex.set(id, p);
    state.votes.push(new Int32Array(8));
    state.voteLength.push(0);
  }
  return p;
}

function countVote(state: ConversationState, s: number, vote: number, delta: number): void {
  if (vote === 1) state.agree[s]! += delta;
  else if (vote === -1) state.disagree[s]! += delta;
  else state.pass[s]! += delta;
}

/**
 * Records a vote (agree = +1, disagree = -1, pass = 0). A re-vote overwrites the earlier one, as in Pol.is.
 * An unknown statement is added as unmoderated. Returns the participant index.
 */
export function applyVote(state: ConversationState, participant: Id, statement: Id, vote: Vote): number {
  if (vote !== 1 && vote !== -1 && vote !== 0) throw new Error(`applyVote: vote must be -1, 0 or 1, got ${String(vote)}`);
  let s = state.statementIndex.get(statement);
  if (s === undefined) s = upsertStatement(state, { id: statement });
  const p = ensureParticipant(state, participant);
  applyVoteAt(state, p, s, vote);
  return p;
}

/**
 * Records a vote by participant and statement index (both must exist; see ensureParticipant and
 * upsertStatement): what applyVote does once the ids are resolved, for readers that resolve them once.
 */
export function applyVoteAt(state: ConversationState, p: number, s: number, vote: Vote): void {
  let arr = state.votes[p]!;
  const len = state.voteLength[p]!;
  // binary search on packed statement index (entry >> 2)
  let lo = 0, hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid]! >> 2) < s) lo = mid + 1; else hi = mid;
  }
  const packed = (s << 2) | (vote + 1);
  if (lo < len && (arr[lo]! >> 2) === s) {
    const old = (arr[lo]! & 3) - 1;
    countVote(state, s, old, -1);
    arr[lo] = packed;
  } else {
    if (len === arr.length) {
      const grown = new Int32Array(arr.length * 2);
      grown.set(arr);
      arr = grown;
      state.votes[p] = arr;
    }
    arr.copyWithin(lo + 1, lo, len);
    arr[lo] = packed;
    state.voteLength[p] = len + 1;
    state.nVotes++;
  }
  countVote(state, s, vote, 1);
  state.revision++;
}

/**
 * Gives a participant who has no votes yet all their votes at once: `packed` holds entries (statement index × 4
 * + vote + 1) sorted by statement, one per statement (the array is kept). The same state as applying them one
 * by one with applyVoteAt, which a reader of a whole file would otherwise do millions of times.
 */
export function loadVotes(state: ConversationState, p: number, packed: Int32Array): void {
  if (state.voteLength[p] !== 0) throw new Error('loadVotes: the participant has votes already');
  for (let k = 0; k < packed.length; k++) {
    const e = packed[k]!;
    if (k > 0 && e >> 2 <= packed[k - 1]! >> 2) throw new Error('loadVotes: entries must be sorted by statement, one per statement');
    countVote(state, e >> 2, (e & 3) - 1, 1);
  }
  state.votes[p] = packed;
  state.voteLength[p] = packed.length;
  state.nVotes += packed.length;
}

/** Removes a participant's vote on a statement, if any. Returns whether a vote was removed. */
export function removeVote(state: ConversationState, participant: Id, statement: Id): boolean {
  const p = state.participantIndex.get(participant);
  const s = state.statementIndex.get(statement);
  if (p === undefined || s === undefined) return false;
  const arr = state.votes[p]!;
  const len = state.voteLength[p]!;
  for (let k = 0; k < len; k++) {
    if ((arr[k]! >> 2) === s) {
      countVote(state, s, (arr[k]! & 3) - 1, -1);
      arr.copyWithin(k, k + 1, len);
      state.voteLength[p] = len - 1;
      state.nVotes--;
      state.revision++;
      return true;
    }
  }
  return false;
}

/** The participant's current vote on a statement, or undefined when they have not voted. */
export function getVote(state: ConversationState, participant: Id, statement: Id): Vote | undefined {
  const p = state.participantIndex.get(participant);
  const s = state.statementIndex.get(statement);
  if (p === undefined || s === undefined) return undefined;
  const arr = state.votes[p]!;
  let lo = 0, hi = state.voteLength[p]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid]! >> 2) < s) lo = mid + 1; else hi = mid;
  }
  if (lo < state.voteLength[p]! && (arr[lo]! >> 2) === s) return ((arr[lo]! & 3) - 1) as Vote;
  return undefined;
}

/** Whether a statement is left out of the opinion map (moderated out or meta), as Pol.is's mod-out. */
export function isModOut(state: ConversationState, s: number): boolean {
  return state.moderation[s] === 'rejected' || state.isMeta[s] === true;
}

/** Approximate bytes held by the vote storage (for the benchmark's memory report). */
export function voteStorageBytes(state: ConversationState): number {
  let bytes = 0;
  for (const a of state.votes) bytes += a.byteLength + 64;
  return bytes;
}
