/** The shape of a failed read, shared by the Pol.is format readers. */

/** A failed read: what went wrong and where. */
export interface ReadError {
  ok: false;
  reason: 'malformed-csv' | 'missing-column' | 'bad-value' | 'malformed-json';
  detail: string;
  line?: number;
  /**
   * The CSV readers check every row: the problems on later rows, after this first one (at most
   * `rowProblemLimit` in all, with `total` counting every problem found).
   */
  others?: ReadError[];
  /** How many problems the file has in all (CSV readers). */
  total?: number;
}

/** At most this many row problems are kept (a wrong file can have one on every row); all are counted. */
export const rowProblemLimit = 500;
