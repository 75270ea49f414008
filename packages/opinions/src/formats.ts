/**
 * Readers and writers for Pol.is's data formats. They take and return strings (no file system):
 * - openData export: comments.csv, votes.csv, participants-votes.csv (parsed by header name);
 * - the per-conversation JSON dump: votes.json, comments.json, math-pca2.json.
 * Every malformed row is an error naming its line (CSV) or array index (JSON); nothing is dropped silently.
 */
import { parseCsv, writeCsv, type CsvRow as CsvRecord } from '@tingsted/csv';
import type { OpinionResult } from './analyze.ts';
import { compareIds, parseId } from './ids.ts';
import { rowProblemLimit, type ReadError } from './read-error.ts';
import { createVotesCsvReader } from './votes-table.ts';

export { compareIds, parseId } from './ids.ts';
export { rowProblemLimit, type ReadError } from './read-error.ts';
import {
  applyVote, createConversation, upsertStatement,
  type ConversationState, type Id, type Moderation, type Vote,
} from './state.ts';

/** Collects every row's problem; `result` gives the first with the others, or null when there were none. */
function rowProblems() {
  const kept: ReadError[] = [];
  let total = 0;
  return {
    add(error: ReadError): void {
      total++;
      if (kept.length < rowProblemLimit) kept.push(error);
    },
    result(): ReadError | null {
      const [first, ...others] = kept;
      return first ? { ...first, others, total } : null;
    },
  };
}

/** One statement as read from a source. */
export interface CommentRecord {
  id: Id;
  moderation: Moderation;
  isMeta: boolean;
  text: string;
  authorId: Id | null;
  timestamp: number | null;
}

/** One vote as read from a source (agree = +1). */
export interface VoteRecord {
  participant: Id;
  statement: Id;
  vote: Vote;
  timestamp: number | null;
}

function table(text: string, required: string[], what: string): ReadError | { ok: true; header: Map<string, number>; rows: CsvRecord[] } {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return { ok: false, reason: 'malformed-csv', detail: `${what} line ${line}, column ${column}: ${message}`, line };
  }
  const [head, ...rows] = parsed.rows;
  if (!head) return { ok: false, reason: 'missing-column', detail: `${what}: empty file (no header)`, line: 1 };
  const header = new Map<string, number>();
  head.fields.forEach((name, i) => { if (!header.has(name.trim())) header.set(name.trim(), i); });
  for (const r of required) {
    if (!header.has(r)) return { ok: false, reason: 'missing-column', detail: `${what}: column "${r}" missing in the header`, line: head.line };
  }
  return { ok: true, header, rows };
}

function cell(rec: CsvRecord, header: Map<string, number>, name: string): string | undefined {
  const i = header.get(name);
  return i === undefined ? undefined : rec.fields[i];
}

function intCell(rec: CsvRecord, header: Map<string, number>, name: string, what: string): number | ReadError | null {
  const raw = cell(rec, header, name);
  if (raw === undefined || raw.trim() === '') return null;
  const t = raw.trim();
  if (!/^-?\d+(\.0+)?$/.test(t)) return { ok: false, reason: 'bad-value', detail: `${what} line ${rec.line}: "${name}" is not an integer: ${JSON.stringify(raw)}`, line: rec.line };
  return Number(t);
}

function isErr(x: unknown): x is ReadError {
  return typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;
}

function toVote(n: number): Vote | null {
  return n === 1 ? 1 : n === -1 ? -1 : n === 0 ? 0 : null;
}

function toModeration(n: number | null): Moderation | null {
  return n === null || n === 0 ? 'unmoderated' : n === 1 ? 'accepted' : n === -1 ? 'rejected' : null;
}

/** Reads an openData comments.csv (columns by name: comment-id, moderated; optional comment-body, author-id, timestamp, is-meta). */
export function readCommentsCsv(text: string): { ok: true; comments: CommentRecord[] } | ReadError {
  const t = table(text, ['comment-id'], 'comments.csv');
  if (!t.ok) return t;
  const comments: CommentRecord[] = [];
  const seen = new Set<Id>();
  const problems = rowProblems();
  for (const rec of t.rows) {
    const rawId = cell(rec, t.header, 'comment-id') ?? '';
    if (rawId.trim() === '') {
      problems.add({ ok: false, reason: 'bad-value', detail: `comments.csv line ${rec.line}: empty comment-id`, line: rec.line });
      continue;
    }
    const id = parseId(rawId);
    if (seen.has(id)) {
      problems.add({ ok: false, reason: 'bad-value', detail: `comments.csv line ${rec.line}: duplicate comment-id ${rawId}`, line: rec.line });
      continue;
    }
    seen.add(id);
    const mod = intCell(rec, t.header, 'moderated', 'comments.csv');
    const moderation = isErr(mod) ? null : toModeration(mod);
    if (isErr(mod)) problems.add(mod);
    else if (!moderation) problems.add({ ok: false, reason: 'bad-value', detail: `comments.csv line ${rec.line}: "moderated" is not -1, 0 or 1`, line: rec.line });
    const ts = intCell(rec, t.header, 'timestamp', 'comments.csv');
    if (isErr(ts)) problems.add(ts);
    if (!moderation || isErr(ts)) continue;
    const meta = cell(rec, t.header, 'is-meta') ?? cell(rec, t.header, 'is_meta');
    const author = cell(rec, t.header, 'author-id');
    comments.push({
      id, moderation, isMeta: meta !== undefined && /^(1|true)$/i.test(meta.trim()),
      text: cell(rec, t.header, 'comment-body') ?? '', authorId: author && author.trim() !== '' ? parseId(author) : null, timestamp: ts,
    });
  }
  return problems.result() ?? { ok: true, comments };
}

/**
 * Reads an openData votes.csv (columns by name: voter-id, comment-id, vote; optional timestamp) held in memory,
 * with the streaming reader the CLI uses on files (createVotesCsvReader): the same checks and messages.
 */
export function readVotesCsv(text: string): { ok: true; votes: VoteRecord[] } | ReadError {
  const reader = createVotesCsvReader();
  reader.push(new TextEncoder().encode(text));
  const r = reader.end();
  if (!r.ok) return r;
  const t = r.table;
  const votes: VoteRecord[] = [];
  for (let k = 0; k < t.length; k++) {
    const ts = t.timestamp[k]!;
    votes.push({ participant: t.participantIds[t.participant[k]!]!, statement: t.statementIds[t.statement[k]!]!, vote: t.vote[k] as Vote, timestamp: Number.isNaN(ts) ? null : ts });
  }
  return { ok: true, votes };
}

/** One row of participants-votes.csv: the participant's Pol.is group and votes. */
export interface ParticipantVotesRow {
  participant: Id;
  /** Pol.is's group id, or null when the participant was not in a group. */
  groupId: number | null;
  votes: { statement: Id; vote: Vote }[];
}

const PV_FIXED = new Set(['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree']);

/** Reads an openData participants-votes.csv (participant, group-id, then one column per statement id). */
export function readParticipantsVotesCsv(text: string): { ok: true; rows: ParticipantVotesRow[] } | ReadError {
  const t = table(text, ['participant', 'group-id'], 'participants-votes.csv');
  if (!t.ok) return t;
  const statementCols: { id: Id; index: number }[] = [];
  for (const [name, index] of t.header) if (!PV_FIXED.has(name)) statementCols.push({ id: parseId(name), index });
  statementCols.sort((a, b) => a.index - b.index);
  const rows: ParticipantVotesRow[] = [];
  const problems = rowProblems();
  for (const rec of t.rows) {
    const g = intCell(rec, t.header, 'group-id', 'participants-votes.csv');
    if (isErr(g)) problems.add(g);
    const votes: { statement: Id; vote: Vote }[] = [];
    let bad = isErr(g);
    for (const c of statementCols) {
      const raw = rec.fields[c.index];
      if (raw === undefined || raw.trim() === '') continue;
      const v = toVote(Number(raw.trim()));
      if (v === null || !/^-?\d+$/.test(raw.trim())) {
        problems.add({ ok: false, reason: 'bad-value', detail: `participants-votes.csv line ${rec.line}: vote for statement ${String(c.id)} (column "${String(c.id)}") is not -1, 0 or 1`, line: rec.line });
        bad = true;
        continue;
      }
      votes.push({ statement: c.id, vote: v });
    }
    if (bad || isErr(g)) continue;
    rows.push({ participant: parseId(cell(rec, t.header, 'participant') ?? ''), groupId: g, votes });
  }
  return problems.result() ?? { ok: true, rows };
}

function jsonArray(text: string, what: string): unknown[] | ReadError {
  let data: unknown;
  try { data = JSON.parse(text); } catch (e) {
    return { ok: false, reason: 'malformed-json', detail: `${what}: ${(e as Error).message}` };
  }
  if (!Array.isArray(data)) return { ok: false, reason: 'malformed-json', detail: `${what}: expected a JSON array` };
  return data;
}

function idField(o: Record<string, unknown>, key: string): Id | null {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v !== '' ? parseId(v) : null;
}

/** Reads a Pol.is votes.json dump (participant_id, statement_id, vote with agree = +1, modified). */
export function readVotesJson(text: string): { ok: true; votes: VoteRecord[] } | ReadError {
  const arr = jsonArray(text, 'votes.json');
  if (!Array.isArray(arr)) return arr;
  const votes: VoteRecord[] = [];
  for (let i = 0; i < arr.length; i++) {
    const o = arr[i] as Record<string, unknown>;
    const participant = o && typeof o === 'object' ? idField(o, 'participant_id') : null;
    const statement = o && typeof o === 'object' ? idField(o, 'statement_id') : null;
    const vote = o && typeof o.vote === 'number' ? toVote(o.vote) : null;
    if (participant === null || statement === null || vote === null) {
      return { ok: false, reason: 'bad-value', detail: `votes.json item ${i}: needs participant_id, statement_id and vote in {-1, 0, 1}` };
    }
    const ts = typeof o.modified === 'number' ? o.modified : null;
    votes.push({ participant, statement, vote, timestamp: ts });
  }
  return { ok: true, votes };
}

/** Reads a Pol.is comments.json dump (statement_id, moderated, is_meta, txt, participant_id). */
export function readCommentsJson(text: string): { ok: true; comments: CommentRecord[] } | ReadError {
  const arr = jsonArray(text, 'comments.json');
  if (!Array.isArray(arr)) return arr;
  const comments: CommentRecord[] = [];
  for (let i = 0; i < arr.length; i++) {
    const o = arr[i] as Record<string, unknown>;
    const id = o && typeof o === 'object' ? idField(o, 'statement_id') : null;
    const mod = o && typeof o.moderated === 'number' ? toModeration(o.moderated) : o && o.moderated === undefined ? 'unmoderated' : null;
    if (id === null || mod === null) return { ok: false, reason: 'bad-value', detail: `comments.json item ${i}: needs statement_id and moderated in {-1, 0, 1}` };
    comments.push({
      id, moderation: mod, isMeta: o.is_meta === true, text: typeof o.txt === 'string' ? o.txt : '',
      authorId: idField(o, 'participant_id'), timestamp: null,
    });
  }
  return { ok: true, comments };
}

/** The parts of Pol.is's stored math result (math-pca2.json) used for comparison and as inputs. */
export interface PolisMath {
  n: number;
  tids: number[];
  inConv: number[];
  modOut: number[];
  metaTids: number[];
  pca: { center: number[]; comps: number[][]; commentProjection: number[][] | null; commentExtremity: number[] | null };
  baseClusters: { id: number[]; members: number[][]; x: number[]; y: number[]; count: number[] };
  groupClusters: { id: number; members: number[]; center: number[] }[];
  repness: Record<string, Array<Record<string, unknown> & { tid: number; 'repful-for': string }>>;
  consensus: { agree: Array<{ tid: number } & Record<string, number>>; disagree: Array<{ tid: number } & Record<string, number>> } | null;
  groupAwareConsensus: Record<string, number>;
  commentPriorities: Record<string, number>;
  groupVotes: Record<string, { 'n-members': number; votes: Record<string, { A: number; D: number; S: number }> }>;
}

/** Reads Pol.is's math-pca2.json (checks the fields used; a missing one is named). */
export function readMathJson(text: string): { ok: true; math: PolisMath } | ReadError {
  let o: Record<string, unknown>;
  try { o = JSON.parse(text) as Record<string, unknown>; } catch (e) {
    return { ok: false, reason: 'malformed-json', detail: `math-pca2.json: ${(e as Error).message}` };
  }
  for (const k of ['tids', 'in-conv', 'mod-out', 'pca', 'base-clusters', 'group-clusters', 'repness', 'group-aware-consensus']) {
    if (!o || typeof o !== 'object' || !(k in o)) return { ok: false, reason: 'missing-column', detail: `math-pca2.json: field "${k}" missing` };
  }
  const pca = o.pca as Record<string, unknown>;
  return {
    ok: true,
    math: {
      n: typeof o.n === 'number' ? o.n : 0,
      tids: o.tids as number[],
      inConv: o['in-conv'] as number[],
      modOut: o['mod-out'] as number[],
      metaTids: (o['meta-tids'] as number[] | undefined) ?? [],
      pca: {
        center: pca.center as number[], comps: pca.comps as number[][],
        commentProjection: (pca['comment-projection'] as number[][] | undefined) ?? null,
        commentExtremity: (pca['comment-extremity'] as number[] | undefined) ?? null,
      },
      baseClusters: o['base-clusters'] as PolisMath['baseClusters'],
      groupClusters: o['group-clusters'] as PolisMath['groupClusters'],
      repness: o.repness as PolisMath['repness'],
      consensus: (o.consensus as PolisMath['consensus'] | undefined) ?? null,
      groupAwareConsensus: o['group-aware-consensus'] as Record<string, number>,
      commentPriorities: (o['comment-priorities'] as Record<string, number> | undefined) ?? {},
      groupVotes: (o['group-votes'] as PolisMath['groupVotes'] | undefined) ?? {},
    },
  };
}

/**
 * Builds a conversation from statements and votes. Votes are applied in timestamp order (ties and missing
 * timestamps keep input order), so participants are numbered in order of first vote and a later re-vote
 * overwrites an earlier one, as Pol.is does. Statements are added in id order (numbers before strings).
 */
export function buildConversation(comments: readonly CommentRecord[], votes: readonly VoteRecord[]): ConversationState {
  const state = createConversation();
  const sorted = [...comments].sort((a, b) => compareIds(a.id, b.id));
  for (const c of sorted) upsertStatement(state, { id: c.id, moderation: c.moderation, isMeta: c.isMeta });
  const order = votes.map((v, i) => ({ v, i }));
  order.sort((a, b) => (a.v.timestamp ?? -Infinity) - (b.v.timestamp ?? -Infinity) || a.i - b.i);
  for (const { v } of order) applyVote(state, v.participant, v.statement, v.vote);
  return state;
}

/** A statement row for {@link writeCommentsCsv}. */
export interface CommentExportRow {
  id: Id;
  timestamp: number;
  authorId: Id | null;
  text: string;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Writes comments.csv in the openData layout (timestamp, datetime, comment-id, author-id, agrees, disagrees,
 * moderated, comment-body); counts and moderation come from the state. `datetime` is ISO 8601 UTC.
 */
export function writeCommentsCsv(state: ConversationState, rows: readonly CommentExportRow[]): string {
  const out: (string | number)[][] = [['timestamp', 'datetime', 'comment-id', 'author-id', 'agrees', 'disagrees', 'moderated', 'comment-body']];
  for (const r of rows) {
    const s = state.statementIndex.get(r.id);
    const mod = s === undefined ? 0 : state.moderation[s] === 'accepted' ? 1 : state.moderation[s] === 'rejected' ? -1 : 0;
    out.push([r.timestamp, isoDate(r.timestamp), String(r.id), r.authorId === null ? '' : String(r.authorId),
      s === undefined ? 0 : state.agree[s]!, s === undefined ? 0 : state.disagree[s]!, mod, r.text]);
  }
  return writeCsv(out);
}

/** Writes votes.csv in the openData layout (timestamp, datetime, comment-id, voter-id, vote; agree = +1). */
export function writeVotesCsv(votes: readonly { participant: Id; statement: Id; vote: Vote; timestamp: number }[]): string {
  const out: (string | number)[][] = [['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote']];
  for (const v of votes) out.push([v.timestamp, isoDate(v.timestamp), String(v.statement), String(v.participant), v.vote]);
  return writeCsv(out);
}

/**
 * Writes participants-votes.csv in the openData layout: participant, group-id (from the result; empty when
 * not in a group), n-comments (statements authored, from `authored`), n-votes, n-agree, n-disagree, then one
 * column per statement (in state order) with the vote or empty.
 */
export function writeParticipantsVotesCsv(state: ConversationState, result: OpinionResult | null, authored: ReadonlyMap<Id, number> = new Map()): string {
  const group = new Map<Id, number | null>();
  if (result) for (const p of result.participants) group.set(p.id, p.group);
  const header: string[] = ['participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', ...state.statementIds.map(String)];
  const out: (string | number)[][] = [header];
  const nS = state.statementIds.length;
  state.participantIds.forEach((id, p) => {
    const cells: (string | number)[] = new Array<string | number>(nS).fill('');
    let na = 0, nd = 0;
    const arr = state.votes[p]!;
    for (let t = 0; t < state.voteLength[p]!; t++) {
      const v = (arr[t]! & 3) - 1;
      cells[arr[t]! >> 2] = v;
      if (v === 1) na++; else if (v === -1) nd++;
    }
    const g = group.get(id);
    out.push([String(id), g === undefined || g === null ? '' : g, authored.get(id) ?? 0, state.voteLength[p]!, na, nd, ...cells]);
  });
  return writeCsv(out);
}
