/** The conversation state as a compressed sparse vote matrix, the input of the PCA and of the vote counts. */
import type { SparseMatrix } from './pca.ts';
import { isModOut, type ConversationState } from './state.ts';

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
