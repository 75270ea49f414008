/**
 * The full opinion-map computation (Pol.is's math tick) on a conversation state, plus the fast per-participant
 * queries the platform needs between recomputes: "where do I stand" and routing of the next statement.
 */
import { bridgingScores } from './bridging.ts';
import { clusterGroups, kmeans2d, smoothK, type KSmoother } from './cluster.ts';
import { sparsePca, type Imputation, type SparseMatrix } from './pca.ts';
import type { Random } from './prng.ts';
import { isModOut, type ConversationState, type Id } from './state.ts';
import {
  groupAwareConsensus, priority, selectConsensus, selectRepness,
  type ConsensusEntry, type Counts, type RepnessEntry,
} from './stats.ts';

/** Options of {@link analyze}. Defaults reproduce current Pol.is. */
export interface AnalyzeOptions {
  /** Missing votes: column mean (Pol.is since late 2017, default) or zero (older conversations). */
  imputation?: Imputation;
  /**
   * Vote count used to scale a participant's projection by √(statements / votes): 'polis' counts every
   * moderated-out statement as a vote for everyone, as Pol.is does (its zeroed columns are not missing);
   * 'votes' counts only real votes on statements in the map.
   */
  projectionCount?: 'polis' | 'votes';
  /** Votes needed to be placed in groups; Pol.is uses min(7, number of statements). */
  minVotes?: number;
  /** Pol.is fills up to this many in-conversation participants by vote count when fewer pass the threshold. */
  minInConv?: number;
  /** Number of base clusters (Pol.is: 100). */
  baseClusterCount?: number;
  /** Most groups tried (Pol.is: 5). */
  maxGroups?: number;
  /** Participants to treat as in-conversation (e.g. Pol.is's stored `in-conv`), replacing the threshold rule. */
  inConv?: readonly Id[];
  /** Base clusters as participant-id lists (e.g. Pol.is's stored base clusters), replacing base k-means. */
  baseClusters?: ReadonlyArray<readonly Id[]>;
  /** Fixed opinion groups (e.g. an export's group-id), replacing all clustering. */
  groups?: ReadonlyArray<{ id: number; members: readonly Id[] }>;
  /**
   * Recomputes a new best k must win before the number of groups changes (Pol.is's group-k buffer, 4); only
   * applies with a previous result.
   */
  kBuffer?: number;
  /** The previous result: group ids are carried over (largest member overlap) and component signs aligned. */
  previous?: OpinionResult | null;
  /** Compute the bridging score (default true). */
  bridging?: boolean;
}

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

/** Compressed matrix of a state, with the column and row mapping. */
export interface StateMatrix {
  matrix: SparseMatrix;
  /** Statement index per column. */
  colStatement: Int32Array;
  /** Column per statement index (−1 when the statement has no votes). */
  statementCol: Int32Array;
  /** Participant index per row (participants with at least one vote, in order of first vote). */
  rowParticipant: Int32Array;
  modOut: Uint8Array;
}

/** Builds the CSR vote matrix of a state (Pol.is coding: agree −1, disagree +1, pass 0). */
export function buildMatrix(state: ConversationState): StateMatrix {
  const nS = state.statementIds.length;
  const statementCol = new Int32Array(nS).fill(-1);
  const cols: number[] = [];
  for (let s = 0; s < nS; s++) {
    if (state.agree[s]! + state.disagree[s]! + state.pass[s]! > 0) { statementCol[s] = cols.length; cols.push(s); }
  }
  const rows: number[] = [];
  for (let p = 0; p < state.participantIds.length; p++) if (state.voteLength[p]! > 0) rows.push(p);
  const rowPtr = new Int32Array(rows.length + 1);
  const col = new Int32Array(state.nVotes);
  const val = new Float64Array(state.nVotes);
  let k = 0;
  rows.forEach((p, r) => {
    const arr = state.votes[p]!;
    const len = state.voteLength[p]!;
    for (let t = 0; t < len; t++) {
      const e = arr[t]!;
      col[k] = statementCol[e >> 2]!;
      val[k] = -((e & 3) - 1);
      k++;
    }
    rowPtr[r + 1] = k;
  });
  const modOut = new Uint8Array(cols.length);
  cols.forEach((s, j) => { if (isModOut(state, s)) modOut[j] = 1; });
  return {
    matrix: { nRows: rows.length, nCols: cols.length, rowPtr, col, val },
    colStatement: Int32Array.from(cols), statementCol, rowParticipant: Int32Array.from(rows), modOut,
  };
}

function letter(id: number): string {
  let s = '';
  let n = id;
  do { s = String.fromCharCode(65 + (n % 26)) + s; n = Math.floor(n / 26) - 1; } while (n >= 0);
  return s;
}

/**
 * Stable group ids: with a previous result, each new group takes the id of the previous group it shares the
 * most members with (the assignment maximising total overlap; ties resolved by the first permutation in
 * lexicographic order); groups without a match get the smallest unused ids. Without a previous result ids
 * follow group size (largest first; ties by the earliest member).
 */
function assignGroupIds(newGroups: number[][], rowIds: Id[], previous: OpinionResult | null | undefined): number[] {
  const n = newGroups.length;
  const bySize = Array.from({ length: n }, (_, i) => i).sort((a, b) => newGroups[b]!.length - newGroups[a]!.length || (newGroups[a]![0] ?? 0) - (newGroups[b]![0] ?? 0) || a - b);
  const ids = new Array<number>(n).fill(-1);
  if (!previous || previous.groups.length === 0) {
    bySize.forEach((g, rank) => { ids[g] = rank; });
    return ids;
  }
  const prev = previous.groups;
  const memberOf = new Map<Id, number>();
  prev.forEach((g, gi) => { for (const m of g.members) memberOf.set(m, gi); });
  const overlap = newGroups.map((rows) => {
    const o = new Array<number>(prev.length).fill(0);
    for (const r of rows) { const gi = memberOf.get(rowIds[r]!); if (gi !== undefined) o[gi]!++; }
    return o;
  });
  // exhaustive search over injective matchings (≤ 5 × 5 groups)
  let best = -1;
  let bestMatch: number[] = [];
  const cur: number[] = [];
  const used = new Array<boolean>(prev.length).fill(false);
  const search = (i: number, total: number): void => {
    if (i === n) { if (total > best) { best = total; bestMatch = [...cur]; } return; }
    for (let h = 0; h < prev.length; h++) {
      if (used[h] || overlap[i]![h]! === 0) continue;
      used[h] = true; cur.push(h);
      search(i + 1, total + overlap[i]![h]!);
      cur.pop(); used[h] = false;
    }
    cur.push(-1); search(i + 1, total); cur.pop();
  };
  search(0, 0);
  const taken = new Set<number>();
  bestMatch.forEach((h, i) => { if (h >= 0) { ids[i] = prev[h]!.id; taken.add(prev[h]!.id); } });
  for (const prevG of prev) taken.add(prevG.id);
  let nextId = 0;
  for (const g of bySize) {
    if (ids[g]! >= 0) continue;
    while (taken.has(nextId)) nextId++;
    ids[g] = nextId; taken.add(nextId);
  }
  return ids;
}

/**
 * Runs the whole computation on the current state: PCA, projection, in-conversation set, base clusters,
 * opinion groups, group votes, repness, consensus, group-aware consensus, bridging and routing priorities.
 * Pure: the same state and options always give the same result.
 */
export function analyze(state: ConversationState, options: AnalyzeOptions = {}): OpinionResult {
  const imputation = options.imputation ?? 'mean';
  const projectionCount = options.projectionCount ?? 'polis';
  const sm = buildMatrix(state);
  const { matrix: m, modOut, colStatement, rowParticipant } = sm;
  const { nRows, nCols, rowPtr, col, val } = m;
  const statements = Array.from(colStatement, (s) => state.statementIds[s]!);
  const rowIds = Array.from(rowParticipant, (p) => state.participantIds[p]!);
  const pca = sparsePca(m, { modOut, imputation });
  const [pc1, pc2] = pca.comps;
  // keep the map's orientation from one recompute to the next
  if (options.previous) {
    const prevCol = new Map<Id, number>();
    options.previous.statements.forEach((id, j) => prevCol.set(id, j));
    for (let k = 0; k < 2; k++) {
      let dot = 0;
      const comp = pca.comps[k]!;
      const prevComp = options.previous.pca.comps[k]!;
      statements.forEach((id, j) => { const pj = prevCol.get(id); if (pj !== undefined) dot += comp[j]! * prevComp[pj]!; });
      if (dot < 0) for (let j = 0; j < nCols; j++) comp[j] = -comp[j]! || 0;
    }
  }
  let nModOutCols = 0;
  for (let j = 0; j < nCols; j++) nModOutCols += modOut[j]!;
  // projection
  const pos = new Float64Array(2 * nRows);
  const nVotesRow = new Int32Array(nRows);
  let cdot1 = 0, cdot2 = 0;
  for (let j = 0; j < nCols; j++) { cdot1 += pca.center[j]! * pc1[j]!; cdot2 += pca.center[j]! * pc2[j]!; }
  for (let i = 0; i < nRows; i++) {
    let p1 = 0, p2 = 0, nv = 0;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = col[k]!;
      if (modOut[j]) continue;
      const x = imputation === 'mean' ? val[k]! - pca.center[j]! : val[k]!;
      p1 += x * pc1[j]!; p2 += x * pc2[j]!; nv++;
    }
    nVotesRow[i] = rowPtr[i + 1]! - rowPtr[i]!;
    if (imputation === 'mean') {
      const count = projectionCount === 'polis' ? nv + nModOutCols : nv;
      const scale = Math.sqrt(nCols / Math.max(count, 1));
      pos[2 * i] = p1 * scale; pos[2 * i + 1] = p2 * scale;
    } else {
      pos[2 * i] = p1 - cdot1; pos[2 * i + 1] = p2 - cdot2;
    }
  }
  // in-conversation participants
  const inConv = new Uint8Array(nRows);
  const rowOf = new Map<Id, number>();
  rowIds.forEach((id, r) => rowOf.set(id, r));
  if (options.inConv) {
    for (const id of options.inConv) { const r = rowOf.get(id); if (r !== undefined) inConv[r] = 1; }
  } else {
    const threshold = Math.min(options.minVotes ?? 7, nCols);
    // as in Pol.is, once in the conversation a participant stays in (with a previous result)
    if (options.previous) for (const p of options.previous.participants) if (p.inConv) { const r = rowOf.get(p.id); if (r !== undefined) inConv[r] = 1; }
    let count = 0;
    for (let i = 0; i < nRows; i++) if (nVotesRow[i]! >= threshold) inConv[i] = 1;
    for (let i = 0; i < nRows; i++) count += inConv[i]!;
    const minIn = options.minInConv ?? 15;
    if (count < minIn) {
      const rest = Array.from({ length: nRows }, (_, i) => i).filter((i) => !inConv[i]).sort((a, b) => nVotesRow[b]! - nVotesRow[a]! || a - b);
      for (const i of rest) { if (count >= minIn) break; inConv[i] = 1; count++; }
    }
  }
  // base clusters
  let baseMembers: number[][] = [];
  if (options.groups) {
    baseMembers = [];
  } else if (options.baseClusters) {
    for (const members of options.baseClusters) {
      const rows = members.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined);
      baseMembers.push(rows);
    }
  } else {
    const inRows: number[] = [];
    for (let i = 0; i < nRows; i++) if (inConv[i]) inRows.push(i);
    const pts = new Float64Array(inRows.length * 2);
    inRows.forEach((r, t) => { pts[2 * t] = pos[2 * r]!; pts[2 * t + 1] = pos[2 * r + 1]!; });
    const km = kmeans2d(pts, options.baseClusterCount ?? 100, undefined, 50);
    baseMembers = Array.from({ length: km.k }, () => []);
    inRows.forEach((r, t) => baseMembers[km.assignment[t]!]!.push(r));
  }
  const baseCenters = new Float64Array(baseMembers.length * 2);
  const baseWeights = new Float64Array(baseMembers.length);
  baseMembers.forEach((rows, b) => {
    let sx = 0, sy = 0;
    for (const r of rows) { sx += pos[2 * r]!; sy += pos[2 * r + 1]!; }
    const n = Math.max(1, rows.length);
    baseCenters[2 * b] = sx / n; baseCenters[2 * b + 1] = sy / n; baseWeights[b] = rows.length;
  });
  // groups
  let groupRows: number[][] = [];
  let groupBases: number[][] = [];
  let silhouettes: Record<string, number> = {};
  let kSmoother: KSmoother | null = null;
  let fixedIds: number[] | null = null;
  if (options.groups) {
    fixedIds = options.groups.map((g) => g.id);
    for (const g of options.groups) {
      groupRows.push(g.members.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined));
      groupBases.push([]);
    }
  } else if (baseMembers.length > 0) {
    const gc = clusterGroups(baseCenters, baseWeights, options.maxGroups ?? 5);
    silhouettes = Object.fromEntries(Object.entries(gc.silhouettes).map(([k, v]) => [k, v]));
    kSmoother = smoothK(options.previous?.kSmoother, gc.k, options.kBuffer ?? 4);
    const chosen = gc.byK[kSmoother.smoothedK] ?? { assignment: gc.assignment, k: gc.k };
    if (!gc.byK[kSmoother.smoothedK]) kSmoother = { ...kSmoother, smoothedK: gc.k };
    groupRows = Array.from({ length: chosen.k }, () => []);
    groupBases = Array.from({ length: chosen.k }, () => []);
    baseMembers.forEach((rows, b) => {
      const g = chosen.assignment[b]!;
      groupBases[g]!.push(b);
      for (const r of rows) groupRows[g]!.push(r);
    });
    for (const rows of groupRows) rows.sort((a, b) => a - b);
  }
  const ids = fixedIds ?? assignGroupIds(groupRows, rowIds, options.previous);
  const order = Array.from({ length: groupRows.length }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]!);
  groupRows = order.map((i) => groupRows[i]!);
  groupBases = order.map((i) => groupBases[i]!);
  const groupIds = order.map((i) => ids[i]!);
  const rowGroup = new Int32Array(nRows).fill(-1);
  groupRows.forEach((rows, g) => { for (const r of rows) rowGroup[r] = g; });
  // counts: per group, over all participants, over in-conv participants
  const nG = groupRows.length;
  const gA = new Int32Array(nG * nCols), gD = new Int32Array(nG * nCols), gS = new Int32Array(nG * nCols);
  const tA = new Int32Array(nCols), tD = new Int32Array(nCols), tS = new Int32Array(nCols);
  const iA = new Int32Array(nCols), iD = new Int32Array(nCols), iS = new Int32Array(nCols);
  for (let i = 0; i < nRows; i++) {
    const g = rowGroup[i]!;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const j = col[k]!, v = val[k]!;
      const isA = v === -1 ? 1 : 0, isD = v === 1 ? 1 : 0;
      tA[j]! += isA; tD[j]! += isD; tS[j]!++;
      if (inConv[i]) { iA[j]! += isA; iD[j]! += isD; iS[j]!++; }
      if (g >= 0) { const o = g * nCols + j; gA[o]! += isA; gD[o]! += isD; gS[o]!++; }
    }
  }
  const groupCounts: Counts[][] = [];
  for (let g = 0; g < nG; g++) {
    const row: Counts[] = [];
    for (let j = 0; j < nCols; j++) { const o = g * nCols + j; row.push({ A: gA[o]!, D: gD[o]!, S: gS[o]! }); }
    groupCounts.push(row);
  }
  const totals: Counts[] = [];
  for (let j = 0; j < nCols; j++) totals.push({ A: tA[j]!, D: tD[j]!, S: tS[j]! });
  const rep = nG >= 2 ? selectRepness(groupCounts, modOut) : groupCounts.map(() => []);
  const cons = selectConsensus(totals, modOut);
  const gac = statements.map((statement, j) => ({ statement, value: nG > 0 ? groupAwareConsensus(groupCounts, j) : 0, j }))
    .sort((a, b) => b.value - a.value || a.j - b.j).map(({ statement, value }) => ({ statement, value }));
  // comment projection: a single "agree" (−1) vote on the statement, scaled by √(statements / 1)
  const cp1: number[] = [], cp2: number[] = [], extremity: number[] = [];
  const sqrtN = Math.sqrt(nCols);
  for (let j = 0; j < nCols; j++) {
    const d = imputation === 'mean' ? -1 - pca.center[j]! : -1;
    const a = d * pc1[j]! * sqrtN, b = d * pc2[j]! * sqrtN;
    cp1.push(a); cp2.push(b); extremity.push(Math.hypot(a, b));
  }
  const priorities = statements.map((statement, j) => {
    const s = colStatement[j]!;
    return { statement, priority: priority(state.isMeta[s] === true, iA[j]!, iS[j]! - iA[j]! - iD[j]!, iS[j]!, extremity[j]!) };
  });
  let bridging: OpinionResult['bridging'] = [];
  if (options.bridging ?? true) {
    const init = new Float64Array(nRows);
    for (let i = 0; i < nRows; i++) init[i] = pos[2 * i]!;
    const br = bridgingScores(m, init, { modOut });
    bridging = statements.map((statement, j) => ({ statement, score: br.score[j]!, intercept: br.intercept[j]!, polarity: br.factor[j]!, votes: tA[j]! + tD[j]!, j }))
      .filter((e) => !modOut[e.j])
      .sort((a, b) => b.score - a.score || a.j - b.j)
      .map(({ statement, score, intercept, polarity, votes }) => ({ statement, score, intercept, polarity, votes }));
  }
  const participants: ParticipantPosition[] = rowIds.map((id, r) => ({
    id, x: pos[2 * r]!, y: pos[2 * r + 1]!, votes: nVotesRow[r]!, inConv: inConv[r] === 1,
    group: rowGroup[r]! >= 0 ? groupIds[rowGroup[r]!]! : null,
  }));
  const groups: OpinionGroup[] = groupRows.map((rows, g) => {
    let sx = 0, sy = 0;
    for (const r of rows) { sx += pos[2 * r]!; sy += pos[2 * r + 1]!; }
    const n = Math.max(1, rows.length);
    return { id: groupIds[g]!, label: letter(groupIds[g]!), members: rows.map((r) => rowIds[r]!), baseClusters: groupBases[g]!, center: [sx / n, sy / n] };
  });
  const toItem = <T extends { col: number }>(e: T): Omit<T, 'col'> & { statement: Id } => {
    const { col: c, ...rest } = e;
    return { statement: statements[c]!, ...rest };
  };
  const repness: Record<string, RepnessItem[]> = {};
  rep.forEach((list, g) => { repness[String(groupIds[g])] = list.map(toItem); });
  return {
    revision: state.revision,
    imputation, projectionCount,
    nParticipants: nRows,
    nVotes: state.nVotes,
    statements,
    modOut: statements.filter((_, j) => modOut[j] === 1),
    pca: {
      center: Array.from(pca.center), comps: [Array.from(pc1), Array.from(pc2)], eigenvalues: pca.eigenvalues,
      iterations: pca.iterations, converged: pca.converged, commentProjection: [cp1, cp2], commentExtremity: extremity,
    },
    participants,
    baseClusters: baseMembers.map((rows, b) => ({ id: b, members: rows.map((r) => rowIds[r]!), center: [baseCenters[2 * b]!, baseCenters[2 * b + 1]!] })),
    groups,
    silhouettes,
    kSmoother,
    groupVotes: groupCounts.map((votes, g) => ({ group: groupIds[g]!, nMembers: groupRows[g]!.length, votes })),
    repness,
    consensus: { agree: cons.agree.map(toItem), disagree: cons.disagree.map(toItem) },
    groupAwareConsensus: gac,
    bridging,
    priorities,
  };
}

/**
 * Recomputes and stores the result in the state (`state.lastResult`), carrying group ids and orientation over
 * from the previous result. Returns the new result.
 */
export function recompute(state: ConversationState, options: AnalyzeOptions = {}): OpinionResult {
  const result = analyze(state, { previous: state.lastResult, ...options });
  state.lastResult = result;
  return result;
}

interface ResultIndex {
  statementCol: Map<Id, number>;
  modOut: Uint8Array;
  participant: Map<Id, ParticipantPosition>;
}
const indexCache = new WeakMap<OpinionResult, ResultIndex>();
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
