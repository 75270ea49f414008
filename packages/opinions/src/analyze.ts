/**
 * The full opinion-map computation (Pol.is's math tick) on a conversation state: PCA, projection,
 * in-conversation set, base clusters, opinion groups, vote counts, repness, consensus, bridging and routing
 * priorities. The per-participant queries between recomputes are in stand.ts and routing.ts.
 */
import { bridgingScores } from './bridging.ts';
import { clusterGroups, kmeans2d, smoothK, type KSmoother } from './cluster.ts';
import { assignGroupIds, groupLabel } from './group-ids.ts';
import type { Id } from './ids.ts';
import { buildMatrix } from './matrix.ts';
import { sparsePca, type Imputation, type PcaResult, type SparseMatrix } from './pca.ts';
import type { OpinionGroup, OpinionResult, ParticipantPosition, RepnessItem } from './result.ts';
import type { ConversationState } from './state.ts';
import { groupAwareConsensus, priority, selectConsensus, selectRepness, type Counts } from './stats.ts';

export type { ConsensusItem, OpinionGroup, OpinionResult, ParticipantPosition, RepnessItem } from './result.ts';

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

/**
 * Runs the whole computation on the current state: PCA, projection, in-conversation set, base clusters,
 * opinion groups, group votes, repness, consensus, group-aware consensus, bridging and routing priorities.
 * Pure: the same state and options always give the same result.
 */
export function analyze(state: ConversationState, options: AnalyzeOptions = {}): OpinionResult {
  const imputation = options.imputation ?? 'mean';
  const projectionCount = options.projectionCount ?? 'polis';
  const { matrix: m, modOut, colStatement, rowParticipant } = buildMatrix(state);
  const { nRows, nCols } = m;
  const statements = Array.from(colStatement, (s) => state.statementIds[s]!);
  const rowIds = Array.from(rowParticipant, (p) => state.participantIds[p]!);
  const pca = sparsePca(m, { modOut, imputation });
  const [pc1, pc2] = pca.comps;
  if (options.previous) alignComponents(pca, statements, options.previous);
  const { pos, nVotesRow } = project(m, pca, modOut, imputation, projectionCount);
  const rowOf = new Map<Id, number>();
  rowIds.forEach((id, r) => rowOf.set(id, r));
  const inConv = inConversation(nVotesRow, nCols, rowOf, options);
  const base = baseClusters(pos, inConv, rowOf, options);
  const grouping = opinionGroups(base, rowOf, rowIds, options);
  const { groupRows, groupBases, groupIds } = grouping;
  const rowGroup = new Int32Array(nRows).fill(-1);
  groupRows.forEach((rows, g) => { for (const r of rows) rowGroup[r] = g; });
  const nG = groupRows.length;
  const counts = countVotes(m, rowGroup, inConv, nG);
  const { groupCounts, totals } = counts;
  const rep = nG >= 2 ? selectRepness(groupCounts, modOut) : groupCounts.map(() => []);
  const cons = selectConsensus(totals, modOut);
  const gac = statements.map((statement, j) => ({ statement, value: nG > 0 ? groupAwareConsensus(groupCounts, j) : 0, j }))
    .sort((a, b) => b.value - a.value || a.j - b.j).map(({ statement, value }) => ({ statement, value }));
  const { cp1, cp2, extremity } = commentProjection(pca, nCols, imputation);
  const priorities = statements.map((statement, j) => {
    const s = colStatement[j]!;
    const { iA, iD, iS } = counts;
    return { statement, priority: priority(state.isMeta[s] === true, iA[j]!, iS[j]! - iA[j]! - iD[j]!, iS[j]!, extremity[j]!) };
  });
  const bridging = (options.bridging ?? true) ? bridgingOf(m, pos, modOut, statements, counts) : [];
  const participants: ParticipantPosition[] = rowIds.map((id, r) => ({
    id, x: pos[2 * r]!, y: pos[2 * r + 1]!, votes: nVotesRow[r]!, inConv: inConv[r] === 1,
    group: rowGroup[r]! >= 0 ? groupIds[rowGroup[r]!]! : null,
  }));
  const groups: OpinionGroup[] = groupRows.map((rows, g) => {
    let sx = 0, sy = 0;
    for (const r of rows) { sx += pos[2 * r]!; sy += pos[2 * r + 1]!; }
    const n = Math.max(1, rows.length);
    return { id: groupIds[g]!, label: groupLabel(groupIds[g]!), members: rows.map((r) => rowIds[r]!), baseClusters: groupBases[g]!, center: [sx / n, sy / n] };
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
    baseClusters: base.members.map((rows, b) => ({ id: b, members: rows.map((r) => rowIds[r]!), center: [base.centers[2 * b]!, base.centers[2 * b + 1]!] })),
    groups,
    silhouettes: grouping.silhouettes,
    kSmoother: grouping.kSmoother,
    groupVotes: groupCounts.map((votes, g) => ({ group: groupIds[g]!, nMembers: groupRows[g]!.length, votes })),
    repness,
    consensus: { agree: cons.agree.map(toItem), disagree: cons.disagree.map(toItem) },
    groupAwareConsensus: gac,
    bridging,
    priorities,
  };
}

/** Flips the signs of the components that point against the previous result's, keeping the map's orientation. */
function alignComponents(pca: PcaResult, statements: readonly Id[], previous: OpinionResult): void {
  const nCols = statements.length;
  const prevCol = new Map<Id, number>();
  previous.statements.forEach((id, j) => prevCol.set(id, j));
  for (let k = 0; k < 2; k++) {
    let dot = 0;
    const comp = pca.comps[k]!;
    const prevComp = previous.pca.comps[k]!;
    statements.forEach((id, j) => { const pj = prevCol.get(id); if (pj !== undefined) dot += comp[j]! * prevComp[pj]!; });
    if (dot < 0) for (let j = 0; j < nCols; j++) comp[j] = -comp[j]! || 0;
  }
}

/**
 * Each participant's position (x, y interleaved) on the two components and their vote count. With mean
 * imputation the projection is scaled by √(statements / votes), as Pol.is does.
 */
function project(
  m: SparseMatrix, pca: PcaResult, modOut: Uint8Array, imputation: Imputation, projectionCount: 'polis' | 'votes',
): { pos: Float64Array; nVotesRow: Int32Array } {
  const { nRows, nCols, rowPtr, col, val } = m;
  const [pc1, pc2] = pca.comps;
  let nModOutCols = 0;
  for (let j = 0; j < nCols; j++) nModOutCols += modOut[j]!;
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
  return { pos, nVotesRow };
}

/**
 * The in-conversation participants (1 per row): those given, or those with enough votes (plus, as in Pol.is,
 * everyone in at the previous result, and the most active others until `minInConv` are in).
 */
function inConversation(nVotesRow: Int32Array, nCols: number, rowOf: ReadonlyMap<Id, number>, options: AnalyzeOptions): Uint8Array {
  const nRows = nVotesRow.length;
  const inConv = new Uint8Array(nRows);
  if (options.inConv) {
    for (const id of options.inConv) { const r = rowOf.get(id); if (r !== undefined) inConv[r] = 1; }
    return inConv;
  }
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
  return inConv;
}

/** Base clusters: member rows of each, and their centres (x, y interleaved) and sizes. */
interface BaseClusters {
  members: number[][];
  centers: Float64Array;
  weights: Float64Array;
}

/** Base clusters of the in-conversation participants: given, or by k-means on their positions (none with fixed groups). */
function baseClusters(pos: Float64Array, inConv: Uint8Array, rowOf: ReadonlyMap<Id, number>, options: AnalyzeOptions): BaseClusters {
  let members: number[][] = [];
  if (options.groups) {
    members = [];
  } else if (options.baseClusters) {
    for (const ids of options.baseClusters) {
      const rows = ids.map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined);
      members.push(rows);
    }
  } else {
    const inRows: number[] = [];
    for (let i = 0; i < inConv.length; i++) if (inConv[i]) inRows.push(i);
    const pts = new Float64Array(inRows.length * 2);
    inRows.forEach((r, t) => { pts[2 * t] = pos[2 * r]!; pts[2 * t + 1] = pos[2 * r + 1]!; });
    const km = kmeans2d(pts, options.baseClusterCount ?? 100, undefined, 50);
    members = Array.from({ length: km.k }, () => []);
    inRows.forEach((r, t) => members[km.assignment[t]!]!.push(r));
  }
  const centers = new Float64Array(members.length * 2);
  const weights = new Float64Array(members.length);
  members.forEach((rows, b) => {
    let sx = 0, sy = 0;
    for (const r of rows) { sx += pos[2 * r]!; sy += pos[2 * r + 1]!; }
    const n = Math.max(1, rows.length);
    centers[2 * b] = sx / n; centers[2 * b + 1] = sy / n; weights[b] = rows.length;
  });
  return { members, centers, weights };
}

/** Opinion groups in id order: their member rows, base clusters and ids, with the clustering's figures. */
interface Grouping {
  groupRows: number[][];
  groupBases: number[][];
  groupIds: number[];
  silhouettes: Record<string, number>;
  kSmoother: KSmoother | null;
}

/**
 * The opinion groups: the fixed groups given, or the base clusters clustered into at most `maxGroups` groups
 * with Pol.is's smoothing of k; ids carried over from the previous result (see assignGroupIds).
 */
function opinionGroups(base: BaseClusters, rowOf: ReadonlyMap<Id, number>, rowIds: Id[], options: AnalyzeOptions): Grouping {
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
  } else if (base.members.length > 0) {
    const gc = clusterGroups(base.centers, base.weights, options.maxGroups ?? 5);
    silhouettes = Object.fromEntries(Object.entries(gc.silhouettes).map(([k, v]) => [k, v]));
    kSmoother = smoothK(options.previous?.kSmoother, gc.k, options.kBuffer ?? 4);
    const chosen = gc.byK[kSmoother.smoothedK] ?? { assignment: gc.assignment, k: gc.k };
    if (!gc.byK[kSmoother.smoothedK]) kSmoother = { ...kSmoother, smoothedK: gc.k };
    groupRows = Array.from({ length: chosen.k }, () => []);
    groupBases = Array.from({ length: chosen.k }, () => []);
    base.members.forEach((rows, b) => {
      const g = chosen.assignment[b]!;
      groupBases[g]!.push(b);
      for (const r of rows) groupRows[g]!.push(r);
    });
    for (const rows of groupRows) rows.sort((a, b) => a - b);
  }
  const ids = fixedIds ?? assignGroupIds(groupRows, rowIds, options.previous);
  const order = Array.from({ length: groupRows.length }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]!);
  return {
    groupRows: order.map((i) => groupRows[i]!),
    groupBases: order.map((i) => groupBases[i]!),
    groupIds: order.map((i) => ids[i]!),
    silhouettes,
    kSmoother,
  };
}

/** Vote counts per group and statement, over everyone (totals, tA/tD) and over in-conversation participants (iA/iD/iS). */
interface VoteCounts {
  groupCounts: Counts[][];
  totals: Counts[];
  tA: Int32Array;
  tD: Int32Array;
  iA: Int32Array;
  iD: Int32Array;
  iS: Int32Array;
}

/** Counts agrees, disagrees and votes per statement: per group, over all participants, over in-conversation ones. */
function countVotes(m: SparseMatrix, rowGroup: Int32Array, inConv: Uint8Array, nG: number): VoteCounts {
  const { nRows, nCols, rowPtr, col, val } = m;
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
  return { groupCounts, totals, tA, tD, iA, iD, iS };
}

/** Each statement's place on the map: a single "agree" (−1) vote on it, scaled by √(statements / 1), and its distance from the centre. */
function commentProjection(pca: PcaResult, nCols: number, imputation: Imputation): { cp1: number[]; cp2: number[]; extremity: number[] } {
  const [pc1, pc2] = pca.comps;
  const cp1: number[] = [], cp2: number[] = [], extremity: number[] = [];
  const sqrtN = Math.sqrt(nCols);
  for (let j = 0; j < nCols; j++) {
    const d = imputation === 'mean' ? -1 - pca.center[j]! : -1;
    const a = d * pc1[j]! * sqrtN, b = d * pc2[j]! * sqrtN;
    cp1.push(a); cp2.push(b); extremity.push(Math.hypot(a, b));
  }
  return { cp1, cp2, extremity };
}

/** Bridging scores of the statements in the map, highest first (ties in column order), started from the first component. */
function bridgingOf(m: SparseMatrix, pos: Float64Array, modOut: Uint8Array, statements: readonly Id[], counts: VoteCounts): OpinionResult['bridging'] {
  const init = new Float64Array(m.nRows);
  for (let i = 0; i < m.nRows; i++) init[i] = pos[2 * i]!;
  const br = bridgingScores(m, init, { modOut });
  return statements.map((statement, j) => ({ statement, score: br.score[j]!, intercept: br.intercept[j]!, polarity: br.factor[j]!, votes: counts.tA[j]! + counts.tD[j]!, j }))
    .filter((e) => !modOut[e.j])
    .sort((a, b) => b.score - a.score || a.j - b.j)
    .map(({ statement, score, intercept, polarity, votes }) => ({ statement, score, intercept, polarity, votes }));
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

