/**
 * votes.csv read as a stream of bytes into columns (typed arrays; the conversation from them: table-conversation.ts):
 * no object per vote, so a 2-million-vote export is read in one pass with memory proportional to the votes
 * (17 bytes each) plus one record, whatever the file's size. Pure: the caller feeds the bytes.
 */
import { createCsvStream, type CsvRecordView, type CsvStream, type CsvSyntaxError } from '@tingsted/csv';
import { parseId, type Id } from './ids.ts';
import { rowProblemLimit, type ReadError } from './read-error.ts';

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
