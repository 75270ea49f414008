/**
 * votes.csv read as a stream of bytes into columns (typed arrays), and a conversation built from those columns:
 * no object per vote, so a 2-million-vote export is read in one pass with memory proportional to the votes
 * (17 bytes each) plus one record, whatever the file's size. Pure: the caller feeds the bytes.
 */
import { createCsvStream, type CsvRecordView, type CsvStream, type CsvSyntaxError } from '@tingsted/csv';
import { compareIds, parseId, type Id } from './ids.ts';
import { rowProblemLimit, type ReadError } from './read-error.ts';
import { createConversation, ensureParticipant, loadVotes, upsertStatement, type ConversationState, type Moderation } from './state.ts';

/**
 * Votes as columns. Vote k: participant `participantIds[participant[k]]`, statement `statementIds[statement[k]]`,
 * vote[k] (agree = +1), timestamp[k] (NaN when the file has none). Ids are numbered in order of first appearance.
 */
export interface VotesTable {
  readonly length: number;
  readonly participantIds: readonly Id[];
  readonly statementIds: readonly Id[];
  readonly participant: Int32Array;
  readonly statement: Int32Array;
  readonly vote: Int8Array;
  readonly timestamp: Float64Array;
}

/** A votes.csv reader fed with byte chunks (see {@link createVotesCsvReader}). */
export interface VotesCsvReader {
  /** Reads the complete rows in `chunk` (the caller may reuse the buffer). False once reading has stopped (a syntax error). */
  push(chunk: Uint8Array): boolean;
  /** The file is complete: the votes, or the first problem with the others (as readVotesCsv). */
  end(): { ok: true; table: VotesTable } | ReadError;
}

const DENSE_IDS = 1 << 22;

/** Numbers ids: small non-negative integers through an array, anything else through a Map. */
class IdIndex {
  readonly ids: Id[] = [];
  private dense = new Int32Array(1024).fill(-1);
  private readonly map = new Map<Id, number>();

  /** The index of a number id (as `index`, without the checks of a string). */
  number(id: number): number {
    if (id >= 0 && id < this.dense.length) {
      const k = this.dense[id]!;
      if (k >= 0) return k;
    }
    return this.index(id);
  }

  index(id: Id): number {
    if (typeof id === 'number' && id >= 0 && id < DENSE_IDS && Number.isInteger(id)) {
      if (id >= this.dense.length) {
        const grown = new Int32Array(Math.min(DENSE_IDS, Math.max(id + 1, this.dense.length * 2))).fill(-1);
        grown.set(this.dense);
        this.dense = grown;
      }
      let k = this.dense[id]!;
      if (k < 0) {
        k = this.ids.length;
        this.ids.push(id);
        this.dense[id] = k;
      }
      return k;
    }
    let k = this.map.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(id);
      this.map.set(id, k);
    }
    return k;
  }
}

/** An id field: a plain integer (no leading zero, sign + or decimals, at most 15 digits) is a number, as parseId. */
function idOf(r: CsvRecordView, i: number): Id {
  const n = r.plainInteger(i);
  return Number.isNaN(n) ? parseId(r.text(i)) : n;
}

/** How to read votes.csv (see {@link createVotesCsvReader}). */
export interface VotesCsvReaderOptions {
  /**
   * Read every record through @tingsted/csv's general reader instead of the fast path for plain lines (the
   * reference the fast path is tested against; slower, same result).
   */
  readonly general?: boolean;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const MINUS = 45;
const ZERO = 48;
const MAX_RECORD = 8 * 1024 * 1024;
// What the fast path reads from a field.
const SKIP = 0;
const VOTER = 1;
const COMMENT = 2;
const VOTE = 3;
const TIMESTAMP = 4;

/**
 * Creates a streaming reader for an openData votes.csv (columns by name: voter-id, comment-id, vote; optional
 * timestamp). The same checks and messages as readVotesCsv: every bad row is a problem naming its line, the
 * first is returned with up to `rowProblemLimit` others and the total; a syntax error (a quote left open in a
 * truncated file, a record over 8 MiB) names the line and column and stops the reading.
 *
 * Plain lines, as Pol.is writes them (no quote; ids, vote and timestamp as bare digits with an optional minus),
 * are read by a fast path straight from the bytes: the numbers are accumulated while the separators are found,
 * with no record view, no string and no call per field. From the first line that is anything else (a quote, a
 * space, a text id, a bad value, too few fields) the rest of the file goes through @tingsted/csv's general
 * reader, which gives every check and message; so both paths read a file to the same table.
 */
export function createVotesCsvReader(options: VotesCsvReaderOptions = {}): VotesCsvReader {
  let header: { voter: number; comment: number; vote: number; timestamp: number } | undefined;
  let headerError: ReadError | undefined;
  let syntax: ReadError | undefined;
  const kept: ReadError[] = [];
  let total = 0;
  const problem = (line: number, detail: string): void => {
    total++;
    if (kept.length < rowProblemLimit) kept.push({ ok: false, reason: 'bad-value', detail: `votes.csv line ${line}: ${detail}`, line });
  };
  const participants = new IdIndex();
  const statements = new IdIndex();
  let cap = 1 << 16;
  let length = 0;
  let participant = new Int32Array(cap);
  let statement = new Int32Array(cap);
  let vote = new Int8Array(cap);
  let timestamp = new Float64Array(cap);
  const grow = (): void => {
    cap *= 2;
    const p = new Int32Array(cap); p.set(participant); participant = p;
    const s = new Int32Array(cap); s.set(statement); statement = s;
    const v = new Int8Array(cap); v.set(vote); vote = v;
    const t = new Float64Array(cap); t.set(timestamp); timestamp = t;
  };

  const readHeader = (names: readonly string[], line: number): boolean => {
    const index = new Map<string, number>();
    names.forEach((name, i) => { if (!index.has(name.trim())) index.set(name.trim(), i); });
    for (const c of ['voter-id', 'comment-id', 'vote']) {
      if (!index.has(c)) {
        headerError = { ok: false, reason: 'missing-column', detail: `votes.csv: column "${c}" missing in the header`, line };
        return false;
      }
    }
    header = { voter: index.get('voter-id')!, comment: index.get('comment-id')!, vote: index.get('vote')!, timestamp: index.get('timestamp') ?? -1 };
    return true;
  };

  // The general path. Its line numbers are shifted by `lineOffset` when it takes over in the middle of a file.
  let lineOffset = 0;
  const onRecord = (r: CsvRecordView): boolean => {
    const line = r.line + lineOffset;
    if (header === undefined) {
      const names: string[] = [];
      for (let i = 0; i < r.count; i++) names.push(r.text(i));
      return readHeader(names, line);
    }
    const h = header;
    const noVoter = r.isBlank(h.voter);
    const noComment = r.isBlank(h.comment);
    if (noVoter) problem(line, 'empty "voter-id"');
    if (noComment) problem(line, 'empty "comment-id"');
    let ok = !noVoter && !noComment;
    const v = r.integer(h.vote);
    if (Number.isNaN(v) && !r.isBlank(h.vote)) {
      problem(line, `"vote" is not an integer: ${JSON.stringify(r.text(h.vote))}`);
      ok = false;
    } else if (v !== 1 && v !== -1 && v !== 0) {
      problem(line, '"vote" is not -1, 0 or 1');
      ok = false;
    }
    let ts = NaN;
    if (h.timestamp >= 0 && !r.isBlank(h.timestamp)) {
      ts = r.integer(h.timestamp);
      if (Number.isNaN(ts)) {
        problem(line, `"timestamp" is not an integer: ${JSON.stringify(r.text(h.timestamp))}`);
        ok = false;
      }
    }
    if (!ok || total > 0) return true; // after the first problem only checking goes on
    if (length === cap) grow();
    participant[length] = participants.index(idOf(r, h.voter));
    statement[length] = statements.index(idOf(r, h.comment));
    vote[length] = v;
    timestamp[length] = ts;
    length++;
    return true;
  };
  let general: CsvStream | undefined;
  const fail = (e: CsvSyntaxError | null): boolean => {
    if (e === null) return headerError === undefined;
    const line = e.line + lineOffset;
    syntax = { ok: false, reason: 'malformed-csv', detail: `votes.csv line ${line}, column ${e.column}: ${e.message}`, line };
    return false;
  };
  /** Hands the rest of the input, from the start of line `at`, to the general reader. */
  const handOver = (rest: Uint8Array, at: number, final: boolean): boolean => {
    general = createCsvStream(onRecord, { maxRecordBytes: MAX_RECORD });
    // A line end first, which the reader skips as an empty line: its line 2 is line `at` of the file, and it
    // does not take the start of a later line for a byte-order mark.
    lineOffset = at - 2;
    general.push(NEWLINE);
    return fail(general.push(rest)) && (!final || fail(general.end()));
  };

  // The fast path: bytes of an incomplete line are kept in `work` (from 0 to `carry`) for the next chunk.
  let work = new Uint8Array(0);
  let carry = 0;
  let line = 1;
  let started = false;
  let afterCR = false;
  let kinds = new Uint8Array(0);

  /** Reads the first record (the header) if it is a plain line; the offset after it, -1 to wait, -2 when handed over. */
  const fastHeader = (buf: Uint8Array, from: number, final: boolean): number => {
    let i = from;
    while (i < buf.length && buf[i] !== LF && buf[i] !== CR && buf[i] !== QUOTE) i++;
    if (i === from || (i < buf.length && buf[i] === QUOTE)) return -2; // an empty line first, or quotes: the general path
    if (i === buf.length && !final) return -1;
    const names = UTF8.decode(buf.subarray(from, i)).split(',');
    if (!readHeader(names, line)) return -3;
    const h = header!;
    kinds = new Uint8Array(Math.max(h.voter, h.comment, h.vote, h.timestamp) + 1);
    kinds[h.voter] = VOTER;
    kinds[h.comment] = COMMENT;
    kinds[h.vote] = VOTE;
    if (h.timestamp >= 0) kinds[h.timestamp] = TIMESTAMP;
    return i;
  };

  /**
   * Reads the plain lines of buf from `from`; returns the offset of the first line not read (buf.length when
   * all were). An incomplete last line is left for the next chunk unless `final`; `stop` is set when a line
   * needs the general path.
   */
  let stop = false;
  const fastLines = (buf: Uint8Array, from: number, final: boolean): number => {
    const n = buf.length;
    const want = kinds;
    const nWant = want.length;
    let i = from;
    let ln = line;
    while (i < n) {
      let c = buf[i]!;
      if (c === LF || c === CR) {
        // The end of a line (or an empty line): CRLF counts once, also when split between two chunks.
        if (c === CR) {
          if (i + 1 < n) { if (buf[i + 1] === LF) i++; } else if (!final) afterCR = true;
        }
        i++;
        ln++;
        continue;
      }
      const lineStart = i;
      let field = 0;
      let p = 0, s = 0, v = 0, t = NaN;
      let read = false;
      for (;;) {
        const kind = field < nWant ? want[field]! : SKIP;
        let neg = false, acc = 0, digits = 0, lead0 = false;
        if (kind === SKIP) {
          // Bytes above ',' (letters, digits, ':') are never special: one comparison for most of them.
          while (i < n) {
            c = buf[i]!;
            if (c > COMMA || (c !== COMMA && c !== LF && c !== CR && c !== QUOTE)) i++;
            else break;
          }
        } else {
          if (i < n && buf[i] === MINUS) { neg = true; i++; }
          const first = i;
          while (i < n) {
            const d = buf[i]! - ZERO;
            if (d >= 0 && d <= 9) { acc = acc * 10 + d; i++; } else break;
          }
          digits = i - first;
          lead0 = digits > 0 && buf[first] === ZERO;
        }
        if (i < n) c = buf[i]!;
        else if (final) c = LF;
        else { line = ln; return lineStart; }
        if (c !== COMMA && c !== LF && c !== CR) break; // a quote, or not a plain number
        if (kind === TIMESTAMP) {
          if (digits === 0 ? neg : digits > 15) break; // an empty field is no timestamp
          if (digits > 0) t = neg ? -acc : acc;
        } else if (kind !== SKIP) {
          if (digits === 0 || digits > 15) break;
          if (kind === VOTE) {
            if (acc > 1) break;
            v = neg ? -acc : acc;
          } else {
            if (lead0 && (digits > 1 || neg)) break; // "007" and "-0" are text ids
            if (kind === VOTER) p = neg ? -acc : acc;
            else s = neg ? -acc : acc;
          }
        }
        field++;
        if (c !== COMMA) {
          read = field >= nWant; // else a field is missing
          break;
        }
        i++;
      }
      if (!read) {
        line = ln;
        stop = true;
        return lineStart;
      }
      if (length === cap) grow();
      participant[length] = participants.number(p);
      statement[length] = statements.number(s);
      vote[length] = v;
      timestamp[length] = t;
      length++;
      // i is at the line end (or at n when the input ends without one)
    }
    line = ln;
    return n;
  };

  /** Keeps buf from `from` (an incomplete line) for the next chunk; hands it over when it is longer than a record may be. */
  const keep = (buf: Uint8Array, from: number): boolean => {
    const rest = buf.length - from;
    if (buf.buffer === work.buffer && buf.byteOffset === 0) work.copyWithin(0, from, buf.length);
    else {
      if (work.length < rest) work = new Uint8Array(Math.max(rest, 1 << 16));
      work.set(buf.subarray(from));
    }
    carry = rest;
    if (carry > MAX_RECORD) return handOver(work.subarray(0, carry), line, false);
    return true;
  };

  const feed = (chunk: Uint8Array, final: boolean): boolean => {
    if (syntax !== undefined || headerError !== undefined) return false;
    if (general !== undefined) return fail(final ? general.end() : general.push(chunk));
    let buf = chunk;
    if (carry > 0) {
      if (work.length < carry + chunk.length) {
        const grown = new Uint8Array(Math.max(carry + chunk.length, 2 * work.length));
        grown.set(work.subarray(0, carry));
        work = grown;
      }
      work.set(chunk, carry);
      buf = work.subarray(0, carry + chunk.length);
    }
    let at = 0;
    if (!started) {
      if (buf.length < 3 && !final) return keep(buf, 0);
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) at = 3;
      started = true;
    }
    if (afterCR && at < buf.length) {
      if (buf[at] === LF) at++;
      afterCR = false;
    }
    if (header === undefined) {
      if (at === buf.length) return final || keep(buf, at);
      const r = fastHeader(buf, at, final);
      if (r === -1) return keep(buf, at);
      if (r === -2) return handOver(buf.subarray(at), line, final);
      if (r === -3) return false;
      at = r;
    }
    const next = fastLines(buf, at, final);
    if (stop) return handOver(buf.subarray(next), line, final);
    return keep(buf, next);
  };
  if (options.general === true) general = createCsvStream(onRecord, { maxRecordBytes: MAX_RECORD });

  return {
    push: (chunk) => feed(chunk, false),
    end() {
      feed(new Uint8Array(0), true);
      if (syntax !== undefined) return syntax;
      if (headerError !== undefined) return headerError;
      if (header === undefined) return { ok: false, reason: 'missing-column', detail: 'votes.csv: empty file (no header)', line: 1 };
      const [first, ...others] = kept;
      if (first !== undefined) return { ...first, others, total };
      return {
        ok: true,
        table: {
          length, participantIds: participants.ids, statementIds: statements.ids,
          participant: participant.subarray(0, length), statement: statement.subarray(0, length),
          vote: vote.subarray(0, length), timestamp: timestamp.subarray(0, length),
        },
      };
    },
  };
}

const NEWLINE = new Uint8Array([LF]);
const UTF8 = new TextDecoder('utf-8');

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
