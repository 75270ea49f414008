/**
 * Bridging score per statement, in the spirit of Community Notes' matrix factorisation (Wojcik et al. 2022,
 * "Birdwatch: crowd wisdom and bridging algorithms can inform understanding and reduce the spread of
 * misinformation"), where a vote is modelled as r_ij ≈ μ + a_i + b_j + f_i·g_j (r = +1 agree, −1 disagree; passes
 * carry no direction and are left out). The factor f·g absorbs the main axis of disagreement; a statement
 * bridges when its predicted vote stays positive on both sides of that axis, so the score is the lower of the
 * two predictions one standard deviation either side (Community Notes likewise requires a high intercept and a
 * small factor). Default method 'axis': f is the standardised PC1 position and each statement is an exact ridge
 * regression. Method 'factorization': the full model by alternating least squares (approximate). Neither uses
 * the clustering; both are deterministic.
 */
import type { SparseMatrix } from './pca.ts';

/** Options of {@link bridgingScores}. */
export interface BridgingOptions {
  /** Method 'factorization': ridge penalty on participant intercepts (Community Notes: 5× the factor one). Default 0.15. */
  interceptPenalty?: number;
  /** Method 'factorization': ridge penalty on participant factors. Default 0.03. */
  factorPenalty?: number;
  /**
   * Ridge penalty on each statement's centre prediction (μ + intercept) and factor, in units of votes: like
   * adding this many neutral votes, so a statement needs evidence to score high. Default 5.
   */
  statementPenalty?: number;
  /** Method 'factorization': most alternating sweeps (default 30); stops when no reported value moves by 1e-6. */
  sweeps?: number;
  modOut?: Uint8Array;
  /** With method 'factorization': learn the participant factor (default true) or keep the PC1 start fixed. */
  learnFactor?: boolean;
  /**
   * 'axis' (default): each statement's votes are regressed on the participants' standardised PC1 positions
   * (intercept and slope, ridge penalty `statementPenalty` on both) — exact, one pass, stable between
   * recomputes. 'factorization': the full model with participant intercepts fitted by alternating least squares
   * (approximate: ALS settles slowly on unbalanced Pol.is data; see README).
   */
  method?: 'axis' | 'factorization';
}

/**
 * Fitted bridging model, with participant factors standardised (mean 0, standard deviation 1):
 * `intercept` = predicted vote of a participant at the centre of the divide, `factor` = how much the
 * predicted vote changes per standard deviation along it (the polarity), and `score` = the lower of the
 * predicted votes one standard deviation to either side, intercept − |factor| (the bridging score).
 */
export interface BridgingResult {
  intercept: Float64Array;
  factor: Float64Array;
  score: Float64Array;
  mu: number;
}

/**
 * Fits the factor model and returns each column's intercept (bridging score) and factor.
 * `initialFactor` (one value per row, e.g. the PC1 projection) seeds the participant factors.
 */
export function bridgingScores(m: SparseMatrix, initialFactor: Float64Array, options: BridgingOptions = {}): BridgingResult {
  const li = options.interceptPenalty ?? 0.15;
  const lf = options.factorPenalty ?? 0.03;
  const ls = options.statementPenalty ?? 5;
  const learnFactor = options.learnFactor ?? true;
  const sweeps = options.sweeps ?? 30;
  const modOut = options.modOut;
  const { nRows, nCols, rowPtr, col, val } = m;
  if ((options.method ?? 'axis') === 'axis') return axisBridging(m, initialFactor, options.statementPenalty ?? 5, options.modOut);
  const a = new Float64Array(nRows), f = new Float64Array(nRows);
  const b = new Float64Array(nCols), g = new Float64Array(nCols);
  // standardise the initial factor
  let mean = 0, sq = 0;
  for (let i = 0; i < nRows; i++) mean += initialFactor[i]!;
  mean /= Math.max(1, nRows);
  for (let i = 0; i < nRows; i++) sq += (initialFactor[i]! - mean) ** 2;
  const sd = Math.sqrt(sq / Math.max(1, nRows)) || 1;
  for (let i = 0; i < nRows; i++) f[i] = (initialFactor[i]! - mean) / sd;
  // keep only directional votes on statements in the map: rows of (column, rating) with rating = +1 agree, −1 disagree
  const keepPtr = new Int32Array(nRows + 1);
  let nObs = 0;
  for (let i = 0; i < nRows; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) if (val[k]! !== 0 && !(modOut && modOut[col[k]!])) nObs++;
    keepPtr[i + 1] = nObs;
  }
  const kc = new Int32Array(nObs), kr = new Float64Array(nObs);
  let mu = 0;
  for (let i = 0, t = 0; i < nRows; i++) {
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      if (val[k]! === 0 || (modOut && modOut[col[k]!])) continue;
      kc[t] = col[k]!; kr[t] = -val[k]!; mu += kr[t]!; t++;
    }
  }
  mu = nObs > 0 ? mu / nObs : 0;
  const prevI = new Float64Array(nCols).fill(NaN), prevF = new Float64Array(nCols).fill(NaN);
  const s1 = new Float64Array(nCols), sf = new Float64Array(nCols), sff = new Float64Array(nCols), sy = new Float64Array(nCols), syf = new Float64Array(nCols);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    // statements given participants
    s1.fill(0); sf.fill(0); sff.fill(0); sy.fill(0); syf.fill(0);
    for (let i = 0; i < nRows; i++) {
      const fi = f[i]!, base = mu + a[i]!;
      for (let k = keepPtr[i]!; k < keepPtr[i + 1]!; k++) {
        const j = kc[k]!;
        const y = kr[k]! - base;
        s1[j]! += 1; sf[j]! += fi; sff[j]! += fi * fi; sy[j]! += y; syf[j]! += y * fi;
      }
    }
    for (let j = 0; j < nCols; j++) {
      const a11 = s1[j]! + ls, a12 = sf[j]!, a22 = sff[j]! + ls;
      const det = a11 * a22 - a12 * a12;
      // the statement's penalty pulls its centre prediction μ + b_j towards 0 (neutral pseudo-votes)
      const rhs = sy[j]! - ls * mu;
      const nb = (a22 * rhs - a12 * syf[j]!) / det;
      const ng = (a11 * syf[j]! - a12 * rhs) / det;
      b[j] = nb; g[j] = ng;
    }
    // participants given statements, and the residual mean for μ in the same pass
    let resid = 0;
    for (let i = 0; i < nRows; i++) {
      let c1 = 0, cg = 0, cgg = 0, cy = 0, cyg = 0;
      const s = keepPtr[i]!, e = keepPtr[i + 1]!;
      for (let k = s; k < e; k++) {
        const j = kc[k]!;
        const gj = g[j]!, y = kr[k]! - mu - b[j]!;
        c1 += 1; cg += gj; cgg += gj * gj; cy += y; cyg += y * gj;
      }
      let ai: number, fi: number;
      if (learnFactor) {
        const a11 = c1 + li, a12 = cg, a22 = cgg + lf;
        const det = a11 * a22 - a12 * a12;
        ai = (a22 * cy - a12 * cyg) / det;
        fi = (a11 * cyg - a12 * cy) / det;
      } else {
        fi = f[i]!;
        ai = (cy - fi * cg) / (c1 + li);
      }
      a[i] = ai; f[i] = fi;
      // Σ (r − μ − b − a − f·g) = cy − c1·a − f·cg
      resid += cy - c1 * ai - fi * cg;
    }
    mu = nObs > 0 ? mu + resid / nObs : mu;
    moveAlongFlatDirections(a, f, b, g, keepPtr, s1, ls, lf, mu, learnFactor, (m) => { mu = m; });
    // convergence on what is reported (invariant to the model's scale and shift freedom)
    const { fm, fs } = moments(f);
    let change = 0;
    for (let j = 0; j < nCols; j++) {
      const ic = mu + b[j]! + g[j]! * fm, fc = g[j]! * fs;
      change = Math.max(change, Math.abs(ic - prevI[j]!), Math.abs(fc - prevF[j]!));
      prevI[j] = ic; prevF[j] = fc;
    }
    if (change < 1e-6) break;
  }
  // standardise participant factors so that "one standard deviation to either side" is well defined
  const { fm, fs } = moments(f);
  const intercept = new Float64Array(nCols), factor = new Float64Array(nCols), score = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    intercept[j] = mu + b[j]! + g[j]! * fm;
    factor[j] = g[j]! * fs;
    score[j] = intercept[j]! - Math.abs(factor[j]!);
  }
  return { intercept, factor, score, mu };
}

function moments(f: Float64Array): { fm: number; fs: number } {
  let fm = 0, fv = 0;
  for (let i = 0; i < f.length; i++) fm += f[i]!;
  fm /= Math.max(1, f.length);
  for (let i = 0; i < f.length; i++) fv += (f[i]! - fm) ** 2;
  return { fm, fs: Math.sqrt(fv / Math.max(1, f.length)) };
}

/**
 * The fit μ + a_i + b_j + f_i·g_j is unchanged by (i) moving a constant between μ and the a's,
 * (ii) shifting f by δ while b absorbs −δ·g, (iii) scaling f by c and g by 1/c. Only the ridge penalty changes
 * along these directions, and alternating least squares crawls along them; this step jumps to the penalty's
 * minimum on each (rows / columns without directional votes are left at 0).
 */
function moveAlongFlatDirections(
  a: Float64Array, f: Float64Array, b: Float64Array, g: Float64Array, keepPtr: Int32Array, colCount: Float64Array,
  ls: number, lf: number, mu: number, learnFactor: boolean, setMu: (m: number) => void,
): void {
  const nRows = a.length, nCols = b.length;
  const hasRow = (i: number): boolean => keepPtr[i + 1]! > keepPtr[i]!;
  let nr = 0, sa = 0;
  for (let i = 0; i < nRows; i++) if (hasRow(i)) { nr++; sa += a[i]!; }
  if (nr === 0) return;
  const ma = sa / nr;
  for (let i = 0; i < nRows; i++) if (hasRow(i)) a[i] = a[i]! - ma;
  mu += ma;
  if (!learnFactor) { setMu(mu); return; }
  // (b and μ trade freely: the statement penalty is on μ + b_j, so that direction is flat in both fit and penalty)
  let sgb = 0, sgg = 0, sf = 0;
  for (let j = 0; j < nCols; j++) if (colCount[j]! > 0) { sgb += g[j]! * (b[j]! + mu); sgg += g[j]! * g[j]!; }
  for (let i = 0; i < nRows; i++) if (hasRow(i)) sf += f[i]!;
  const delta = (ls * sgb - lf * sf) / (lf * nr + ls * sgg);
  for (let i = 0; i < nRows; i++) if (hasRow(i)) f[i] = f[i]! + delta;
  for (let j = 0; j < nCols; j++) if (colCount[j]! > 0) b[j] = b[j]! - delta * g[j]!;
  let ff = 0, gg = 0;
  for (let i = 0; i < nRows; i++) if (hasRow(i)) ff += f[i]! * f[i]!;
  for (let j = 0; j < nCols; j++) if (colCount[j]! > 0) gg += g[j]! * g[j]!;
  if (ff > 0 && gg > 0) {
    const c = Math.pow((ls * gg) / (lf * ff), 0.25);
    for (let i = 0; i < nRows; i++) f[i] = f[i]! * c;
    for (let j = 0; j < nCols; j++) g[j] = g[j]! / c;
  }
  setMu(mu);
}

/** Closed-form bridging on the map's main axis: per statement, ridge regression of ±1 votes on [1, f]. */
function axisBridging(m: SparseMatrix, position: Float64Array, ls: number, modOut: Uint8Array | undefined): BridgingResult {
  const { nRows, nCols, rowPtr, col, val } = m;
  const { fm, fs } = moments(position);
  const scale = fs > 0 ? 1 / fs : 0;
  const n = new Float64Array(nCols), sf = new Float64Array(nCols), sff = new Float64Array(nCols), sy = new Float64Array(nCols), syf = new Float64Array(nCols);
  for (let i = 0; i < nRows; i++) {
    const fi = (position[i]! - fm) * scale;
    for (let k = rowPtr[i]!; k < rowPtr[i + 1]!; k++) {
      const v = val[k]!; const j = col[k]!;
      if (v === 0 || (modOut && modOut[j])) continue;
      const r = -v;
      n[j]! += 1; sf[j]! += fi; sff[j]! += fi * fi; sy[j]! += r; syf[j]! += r * fi;
    }
  }
  const intercept = new Float64Array(nCols), factor = new Float64Array(nCols), score = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    const a11 = n[j]! + ls, a12 = sf[j]!, a22 = sff[j]! + ls;
    const det = a11 * a22 - a12 * a12;
    if (!(det > 0)) continue;
    intercept[j] = (a22 * sy[j]! - a12 * syf[j]!) / det;
    factor[j] = (a11 * syf[j]! - a12 * sy[j]!) / det;
    score[j] = intercept[j]! - Math.abs(factor[j]!);
  }
  return { intercept, factor, score, mu: 0 };
}
