import { createHash } from 'node:crypto';
import {
  applyVote,
  buildConversation,
  createConversation,
  createRandom,
  nextStatement,
  readCommentsCsv,
  readParticipantsVotesCsv,
  readVotesCsv,
  parseCsv,
  upsertStatement,
  whereDoIStand,
  writeCommentsCsv,
  writeCsv,
  writeParticipantsVotesCsv,
  writeVotesCsv,
  type ConversationState,
  type OpinionResult,
  type ReadError,
} from '@tingsted/opinions';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../jobs/jobs.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Logger } from '../shared/logger.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import { conversationsRepository, type StatementRow } from './conversations.repository.ts';
import type { StatementModeration } from './conversations.tables.ts';
import type { RecomputeRunner } from './recompute.ts';
import { resultsChannel } from './results-feed.ts';
import { buildResultsView, type ResultsView } from './results-view.ts';

/** Statements are short, as in Pol.is: one thought each. */
export const statementLimits = { min: 5, max: 140 };
export const conversationLimits = { question: 300, description: 5000 };

/** The job that recomputes a conversation's opinion map; bursts of votes coalesce into one run. */
export const recomputeJob = 'conversations.recompute';

/** The cookie that lets an anonymous visitor keep their votes (where a conversation allows anonymity). */
export const visitorCookie = (production: boolean) => (production ? '__Host-ts_voter' : 'ts_voter');

/** Who is voting: a signed-in person, or (where allowed) an anonymous visitor known by a cookie token. */
export interface Voter {
  readonly actor: Actor | null;
  readonly visitorToken?: string | null | undefined;
}

/** A conversation as pages show it. */
export interface ConversationView {
  readonly id: string;
  readonly phaseId: string;
  readonly processId: string;
  readonly question: string;
  readonly description: string;
  readonly allowAnonymous: boolean;
  readonly allowStatements: boolean;
  readonly preModeration: boolean;
  /** Open for votes and statements: its phase is open, the process published and it is not closed early. */
  readonly open: boolean;
  readonly closedEarly: boolean;
  readonly source: { name: string; url: string | null; licence: string | null } | null;
}

/** A statement as voting and results pages show it. */
export interface StatementView {
  readonly id: number;
  readonly number: number;
  readonly body: string;
  readonly moderation: StatementModeration;
  readonly isSeed: boolean;
  readonly createdAt: Date;
}

/** The files of a Pol.is openData export, as text. */
export interface PolisFiles {
  readonly comments?: string | undefined;
  readonly votes?: string | undefined;
  readonly participantsVotes?: string | undefined;
  readonly summary?: string | undefined;
}

const voteValues: Record<string, -1 | 0 | 1> = { agree: 1, disagree: -1, pass: 0, '1': 1, '-1': -1, '0': 0 };

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Statements that differ only in case, spacing or final punctuation count as the same. */
export function statementKey(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[.!?…\s]+$/u, '')
    .trim();
}

interface Cached<T> {
  at: number;
  value: T;
}

/**
 * Conversations: a question, seed statements and participants' own statements; votes one statement at a time
 * in routing-priority order; the opinion map recomputed in a background job and stored, so results are read,
 * never computed, on a page view; import and export in Pol.is's openData format.
 */
export function conversationsService(deps: { db: Db; audit: AuditService; processes: ProcessesService; jobs: JobQueue; runner: RecomputeRunner; logger: Logger }) {
  const repo = conversationsRepository(deps.db);
  const ttlMs = 2000;
  const conversationCache = new Map<string, Cached<Awaited<ReturnType<typeof repo.findConversation>>>>();
  const statementCache = new Map<string, Cached<StatementRow[]>>();
  const participantCache = new Map<string, number>();
  const viewCache = new Map<string, { checkedAt: number; revision: number; view: ResultsView | null; computedAt: Date | null }>();
  const resultCache = new Map<string, { revision: number; result: OpinionResult }>();
  // The recompute keeps each conversation's state in memory and reads only votes changed since its last run.
  const states = new Map<string, { state: ConversationState; seq: number; usedAt: number }>();
  const lastTrigger = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  const triggerWindowMs = 300;

  async function conversationRow(id: string) {
    const hit = conversationCache.get(id);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = await repo.findConversation(id);
    if (conversationCache.size > 1000) conversationCache.clear();
    conversationCache.set(id, { at: Date.now(), value });
    return value;
  }

  async function statementsOf(conversationId: string): Promise<StatementRow[]> {
    const hit = statementCache.get(conversationId);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = await repo.statements(conversationId);
    if (statementCache.size > 1000) statementCache.clear();
    statementCache.set(conversationId, { at: Date.now(), value });
    return value;
  }

  type Row = NonNullable<Awaited<ReturnType<typeof repo.findConversation>>>;

  async function present(row: Row): Promise<ConversationView> {
    const found = await deps.processes.getPhase(row.phase_id);
    const open = !!found && found.phase.state === 'open' && found.process.status === 'published' && row.closed_at === null;
    return {
      id: row.id,
      phaseId: row.phase_id,
      processId: row.process_id,
      question: row.question,
      description: row.description,
      allowAnonymous: row.allow_anonymous,
      allowStatements: row.allow_statements,
      preModeration: row.pre_moderation,
      open,
      closedEarly: row.closed_at !== null,
      source: row.source_name ? { name: row.source_name, url: row.source_url, licence: row.source_licence } : null,
    };
  }

  function presentStatement(s: StatementRow): StatementView {
    return { id: s.id, number: s.number, body: s.body, moderation: s.moderation, isSeed: s.is_seed, createdAt: s.created_at };
  }

  /** Statements participants vote on: not rejected, and accepted when the manager moderates first. */
  function votable(row: Row, s: StatementRow): boolean {
    return s.moderation === 'accepted' || (s.moderation === 'unmoderated' && !row.pre_moderation);
  }

  /** The conversation, if it exists and its process is visible to the actor. */
  async function visible(actor: Actor | null, conversationId: string): Promise<Row | null> {
    const row = await conversationRow(conversationId);
    if (!row) return null;
    const found = await deps.processes.getProcessById(row.process_id);
    if (!found || (found.status === 'draft' && !conversationsPolicy.manage(actor))) return null;
    return row;
  }

  function who(voter: Voter, row: Row): Result<{ userId: string } | { anonKey: string }> {
    if (voter.actor) return ok({ userId: voter.actor.id });
    if (!row.allow_anonymous) return fail('NotSignedIn');
    if (!voter.visitorToken || voter.visitorToken.length < 20) return fail('NotSignedIn');
    return ok({ anonKey: sha256(voter.visitorToken) });
  }

  async function participantFor(row: Row, person: { userId: string } | { anonKey: string }): Promise<number> {
    const key = `${row.id}:${'userId' in person ? `u${person.userId}` : `a${person.anonKey}`}`;
    const hit = participantCache.get(key);
    if (hit !== undefined) return hit;
    const id = await repo.participantId(row.id, person);
    if (participantCache.size > 200_000) participantCache.clear();
    participantCache.set(key, id);
    return id;
  }

  async function existingParticipant(row: Row, voter: Voter): Promise<number | null> {
    const person = who(voter, row);
    if (!person.ok) return null;
    const key = `${row.id}:${'userId' in person.value ? `u${person.value.userId}` : `a${person.value.anonKey}`}`;
    return participantCache.get(key) ?? (await repo.existingParticipant(row.id, person.value));
  }

  /**
   * Asks for a recompute, at most once per window per conversation on this server (a trailing call makes sure
   * the last votes of a burst are counted); the job queue coalesces what several servers ask for.
   */
  function triggerRecompute(conversationId: string): void {
    const now = Date.now();
    const last = lastTrigger.get(conversationId) ?? 0;
    const send = () => {
      lastTrigger.set(conversationId, Date.now());
      deps.jobs.send(recomputeJob, { conversationId }, { singletonKey: conversationId }).catch((error: unknown) => {
        deps.logger.error({ err: { message: error instanceof Error ? error.message : String(error) }, conversationId }, 'could not queue a recompute');
      });
    };
    if (now - last >= triggerWindowMs) {
      send();
      return;
    }
    if (trailing.has(conversationId)) return;
    const timer = setTimeout(() => {
      trailing.delete(conversationId);
      send();
    }, triggerWindowMs - (now - last));
    timer.unref();
    trailing.set(conversationId, timer);
  }

  async function fullResult(conversationId: string): Promise<OpinionResult | null> {
    const stored = await viewOf(conversationId);
    if (!stored.view) return null;
    const hit = resultCache.get(conversationId);
    if (hit && hit.revision === stored.revision) return hit.result;
    const row = await repo.storedResult(conversationId);
    if (!row) return null;
    const result = row.result as OpinionResult;
    if (resultCache.size > 200) resultCache.clear();
    resultCache.set(conversationId, { revision: row.revision, result });
    return result;
  }

  /** The stored view, re-read at most every 250 ms per server (the revision check is one indexed row). */
  async function viewOf(conversationId: string) {
    const hit = viewCache.get(conversationId);
    if (hit && Date.now() - hit.checkedAt < 250) return hit;
    const current = await repo.storedRevision(conversationId);
    if (hit && current && current.revision === hit.revision) {
      hit.checkedAt = Date.now();
      return hit;
    }
    const row = current ? await repo.storedView(conversationId) : undefined;
    const entry = { checkedAt: Date.now(), revision: row?.revision ?? 0, view: (row?.view as ResultsView | undefined) ?? null, computedAt: row?.computed_at ?? null };
    if (viewCache.size > 1000) viewCache.clear();
    viewCache.set(conversationId, entry);
    return entry;
  }

  /** A state with every statement and one participant's votes, for routing and "where do I stand". */
  async function personalState(row: Row, participantId: number | null, onlyVotable: boolean) {
    const statements = await statementsOf(row.id);
    const state = createConversation();
    const numbers = new Map<number, number>();
    for (const s of statements) {
      numbers.set(s.id, s.number);
      if (onlyVotable && s.moderation === 'rejected') continue;
      upsertStatement(state, { id: s.number, moderation: s.moderation, isMeta: s.is_meta });
    }
    let voted = 0;
    if (participantId !== null) {
      for (const v of await repo.votesOf(participantId)) {
        const number = numbers.get(v.statement_id);
        if (number === undefined) continue;
        applyVote(state, 'me', number, v.vote as -1 | 0 | 1);
        voted++;
      }
    }
    return { state, statements, voted };
  }

  function importError(file: string, error: ReadError): FieldError {
    const reason = error.reason === 'missing-column' ? 'conversations.import.missingColumn' : error.reason === 'malformed-csv' ? 'conversations.import.malformed' : 'conversations.import.badValue';
    const column = /column "([^"]+)"/.exec(error.detail)?.[1] ?? /"([a-z-]+)" is not/.exec(error.detail)?.[1] ?? '';
    return { field: file, message: reason, params: { file: `${file}.csv`.replace('participantsVotes.csv', 'participants-votes.csv'), line: error.line ?? 1, column } };
  }

  function readSummary(text: string): Result<Map<string, string>> {
    const parsed = parseCsv(text);
    if (!parsed.ok) return fail('ValidationFailed', [importError('summary', parsed)]);
    const out = new Map<string, string>();
    for (const record of parsed.records) {
      if (record.fields.length < 2 || (record.fields[0] ?? '').trim() === '') {
        return fail('ValidationFailed', [{ field: 'summary', message: 'conversations.import.badValue', params: { file: 'summary.csv', line: record.line, column: '' } }]);
      }
      out.set((record.fields[0] ?? '').trim(), record.fields[1] ?? '');
    }
    return ok(out);
  }

  // One recompute at a time per conversation in this process (the job queue already runs one per cluster).
  const running = new Map<string, Promise<{ revision: number; votesSeen: number } | null>>();
  function recompute(conversationId: string): Promise<{ revision: number; votesSeen: number } | null> {
    const previous = running.get(conversationId) ?? Promise.resolve(null);
    const next = previous.catch(() => null).then(() => recomputeNow(conversationId));
    running.set(conversationId, next);
    void next.finally(() => {
      if (running.get(conversationId) === next) running.delete(conversationId);
    }).catch(() => undefined);
    return next;
  }

  async function recomputeNow(conversationId: string): Promise<{ revision: number; votesSeen: number } | null> {
    const row = await repo.findConversation(conversationId);
    if (!row) return null;
    let entry = states.get(conversationId);
    if (!entry) {
      const state = createConversation();
      const stored = await repo.storedResult(conversationId);
      // The previous result keeps group ids and the map's orientation stable across restarts.
      state.lastResult = (stored?.result as OpinionResult | undefined) ?? null;
      entry = { state, seq: 0, usedAt: Date.now() };
      states.set(conversationId, entry);
    }
    entry.usedAt = Date.now();
    const began = performance.now();
    const statements = await repo.statements(conversationId);
    for (const s of statements) upsertStatement(entry.state, { id: s.number, moderation: s.moderation, isMeta: s.is_meta });
    const changed = await repo.votesSince(conversationId, entry.seq);
    for (const v of changed) {
      applyVote(entry.state, v.participant_id, v.number, v.vote as -1 | 0 | 1);
      entry.seq = Math.max(entry.seq, v.seq);
    }
    const loaded = performance.now();
    const result = await deps.runner.run(entry.state);
    const analysed = performance.now();
    entry.state.lastResult = result;
    const previous = await repo.storedRevision(conversationId);
    const revision = (previous?.revision ?? 0) + 1;
    const totals = new Map<number, [number, number, number]>();
    entry.state.statementIds.forEach((id, s) => totals.set(Number(id), [entry.state.agree[s] ?? 0, entry.state.disagree[s] ?? 0, entry.state.pass[s] ?? 0]));
    const view = buildResultsView(result, revision, totals);
    await repo.storeResult(conversationId, { revision, votesSeen: entry.seq, view, result }, resultsChannel);
    deps.logger.debug(
      { conversationId, revision, changedVotes: changed.length, loadMs: Math.round(loaded - began), analyzeMs: Math.round(analysed - loaded), storeMs: Math.round(performance.now() - analysed) },
      'conversation recomputed',
    );
    // Forget conversations nobody has voted in for a while.
    for (const [id, e] of states) if (Date.now() - e.usedAt > 30 * 60_000 && id !== conversationId) states.delete(id);
    return { revision, votesSeen: entry.seq };
  }

  return {
    /** The conversation of a conversation phase, if any. */
    async conversationForPhase(actor: Actor | null, phaseId: string): Promise<ConversationView | null> {
      const row = await repo.findByPhase(phaseId);
      if (!row || !(await visible(actor, row.id))) return null;
      return present(row);
    },

    /** A conversation by id, if the actor may see it. */
    async getConversation(actor: Actor | null, conversationId: string): Promise<Result<ConversationView>> {
      const row = await visible(actor, conversationId);
      if (!row) return fail('NotFound');
      return ok(await present(row));
    },

    /** Every conversation of a process (the process page links them). */
    async conversationsOfProcess(processId: string): Promise<ConversationView[]> {
      return Promise.all((await repo.listForProcess(processId)).map(present));
    },

    /** Creates or updates the conversation of a conversation phase (process managers). */
    async setUpConversation(
      actor: Actor | null,
      phaseId: string,
      input: { question: unknown; description?: unknown; allowAnonymous?: unknown; allowStatements?: unknown; preModeration?: unknown; closed?: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(phaseId);
      if (!found || found.phase.method !== 'conversation') return fail('NotFound');
      const errors: FieldError[] = [];
      const question = typeof input.question === 'string' ? input.question.trim() : '';
      if (question === '') errors.push({ field: 'question', message: 'field.required' });
      else if (question.length > conversationLimits.question) errors.push({ field: 'question', message: 'field.tooLong', params: { max: conversationLimits.question } });
      const description = typeof input.description === 'string' ? input.description.trim() : '';
      if (description.length > conversationLimits.description) errors.push({ field: 'description', message: 'field.tooLong', params: { max: conversationLimits.description } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const flag = (v: unknown) => v === true || v === 'on' || v === 'true';
      const settings = {
        question,
        description,
        allowAnonymous: flag(input.allowAnonymous),
        allowStatements: input.allowStatements === undefined ? true : flag(input.allowStatements),
        preModeration: flag(input.preModeration),
      };
      const existing = await repo.findByPhase(phaseId);
      let id: string;
      if (existing) {
        id = existing.id;
        await repo.updateConversation(id, { ...settings, closed: flag(input.closed) });
      } else {
        id = (await repo.insertConversation({ phaseId, processId: found.process.id, ...settings, createdBy: actor?.id ?? null })) ?? (await repo.findByPhase(phaseId))?.id ?? '';
      }
      conversationCache.delete(id);
      await deps.audit.record({ actorId: actor?.id ?? null, action: existing ? 'conversation.updated' : 'conversation.created', subjectType: 'conversation', subjectId: id });
      return ok({ id });
    },

    /** Statements of a conversation: everyone sees votable ones; moderators also see waiting and rejected ones. */
    async listStatements(actor: Actor | null, conversationId: string): Promise<Result<StatementView[]>> {
      const row = await visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const all = await statementsOf(conversationId);
      const moderator = conversationsPolicy.moderate(actor);
      return ok(all.filter((s) => moderator || votable(row, s)).map(presentStatement));
    },

    /** A seed statement from the manager: accepted at once, open or not. */
    async addSeedStatement(actor: Actor | null, conversationId: string, body: unknown): Promise<Result<{ number: number }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await conversationRow(conversationId);
      if (!row) return fail('NotFound');
      const text = typeof body === 'string' ? body.trim() : '';
      const check = checkStatement(text);
      if (check) return fail('ValidationFailed', [check]);
      const inserted = await repo.insertStatement({ conversationId, body: text, textKey: statementKey(text), moderation: 'accepted', isSeed: true, authorParticipantId: null, authorUserId: actor?.id ?? null });
      if (!inserted) return fail('ValidationFailed', [{ field: 'body', message: 'conversations.statement.duplicate' }]);
      statementCache.delete(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.seed_added', subjectType: 'conversation', subjectId: conversationId, details: { number: inserted.number } });
      return ok({ number: inserted.number });
    },

    /** A participant's own statement; it waits for a moderator when the manager chose pre-moderation. */
    async submitStatement(voter: Voter, conversationId: string, body: unknown): Promise<Result<{ number: number; awaitingModeration: boolean }>> {
      const row = await visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const person = who(voter, row);
      if (!person.ok) return person;
      const view = await present(row);
      if (!view.open) return fail('PhaseClosed');
      if (!row.allow_statements) return fail('Forbidden');
      const text = typeof body === 'string' ? body.trim() : '';
      const check = checkStatement(text);
      if (check) return fail('ValidationFailed', [check]);
      const participantId = await participantFor(row, person.value);
      const moderation: StatementModeration = row.pre_moderation ? 'unmoderated' : 'accepted';
      const inserted = await repo.insertStatement({ conversationId, body: text, textKey: statementKey(text), moderation, isSeed: false, authorParticipantId: participantId, authorUserId: voter.actor?.id ?? null });
      if (!inserted) return fail('ValidationFailed', [{ field: 'body', message: 'conversations.statement.duplicate' }]);
      statementCache.delete(conversationId);
      await deps.audit.record({ actorId: voter.actor?.id ?? null, action: 'conversation.statement_submitted', subjectType: 'conversation', subjectId: conversationId, details: { number: inserted.number } });
      if (!row.pre_moderation) triggerRecompute(conversationId);
      return ok({ number: inserted.number, awaitingModeration: row.pre_moderation });
    },

    /** A moderator accepts or rejects a statement. */
    async moderateStatement(actor: Actor | null, statementId: number, decision: unknown): Promise<Result<null>> {
      if (!conversationsPolicy.moderate(actor)) return fail('Forbidden');
      if (decision !== 'accepted' && decision !== 'rejected') return fail('ValidationFailed', [{ field: 'decision', message: 'field.invalid' }]);
      const statement = await repo.findStatement(statementId);
      if (!statement) return fail('NotFound');
      await repo.setModeration(statementId, decision);
      statementCache.delete(statement.conversation_id);
      await deps.audit.record({ actorId: actor?.id ?? null, action: `conversation.statement_${decision}`, subjectType: 'conversation', subjectId: statement.conversation_id, details: { number: statement.number } });
      triggerRecompute(statement.conversation_id);
      return ok(null);
    },

    /**
     * Records a vote (agree / disagree / pass) on one statement; a second vote on the same statement replaces
     * the first. The write is one insert; the recompute is asked for, rate-limited, and runs in the background.
     */
    async castVote(voter: Voter, conversationId: string, input: { statement: unknown; vote: unknown }): Promise<Result<{ participant: number }>> {
      const row = await conversationRow(conversationId);
      if (!row) return fail('NotFound');
      const person = who(voter, row);
      if (!person.ok) return person;
      const found = await deps.processes.getPhase(row.phase_id);
      if (!found || found.process.status === 'draft') return fail('NotFound');
      if (found.phase.state !== 'open' || found.process.status !== 'published' || row.closed_at !== null) return fail('PhaseClosed');
      const vote = voteValues[String(input.vote)];
      const number = typeof input.statement === 'number' ? input.statement : typeof input.statement === 'string' && /^\d{1,9}$/.test(input.statement) ? Number(input.statement) : NaN;
      const statement = (await statementsOf(conversationId)).find((s) => s.number === number);
      const errors: FieldError[] = [];
      if (!statement || !votable(row, statement)) errors.push({ field: 'statement', message: 'field.invalid' });
      if (vote === undefined) errors.push({ field: 'vote', message: 'field.invalid' });
      if (errors.length > 0 || !statement || vote === undefined) return fail('ValidationFailed', errors);
      const participantId = await participantFor(row, person.value);
      await repo.upsertVote(conversationId, participantId, statement.id, vote);
      triggerRecompute(conversationId);
      return ok({ participant: participantId });
    },

    /**
     * The next statement for this voter in routing-priority order (Pol.is's, from the last stored result;
     * statements newer than that result are weighted from their counts so far), with progress. The choice is
     * seeded by the participant and their number of votes, so reloading the page shows the same statement.
     */
    async nextStatementFor(voter: Voter, conversationId: string): Promise<Result<{ statement: StatementView | null; voted: number; total: number }>> {
      const row = await visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const participantId = await existingParticipant(row, voter);
      const { state, statements, voted } = await personalState(row, participantId, true);
      state.lastResult = await fullResult(conversationId);
      const total = statements.filter((s) => votable(row, s)).length;
      const pick = nextStatement(state, 'me', createRandom(`${conversationId}:${participantId ?? 'new'}:${voted}`), { strictModeration: row.pre_moderation });
      const statement = pick === null ? null : (statements.find((s) => s.number === Number(pick)) ?? null);
      return ok({ statement: statement ? presentStatement(statement) : null, voted, total });
    },

    /** The voter's place on the last map: position in map coordinates, nearest group, distances. */
    async whereDoIStand(voter: Voter, conversationId: string): Promise<Result<{ x: number; y: number; nearestGroup: string | null; assignedGroup: string | null; votes: number } | null>> {
      const row = await visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const participantId = await existingParticipant(row, voter);
      if (participantId === null) return ok(null);
      const result = await fullResult(conversationId);
      const stored = await viewOf(conversationId);
      if (!result || !stored.view) return ok(null);
      const { state } = await personalState(row, participantId, false);
      const stand = whereDoIStand(state, 'me', result);
      if (!stand.ok) return ok(null);
      const place = stored.view.place;
      const label = (id: number | null) => (id === null ? null : (result.groups.find((g) => g.id === id)?.label ?? null));
      const assigned = result.participants.find((p) => p.id === participantId)?.group ?? null;
      return ok({
        x: Math.round((place.offsetX + (stand.position[0] - place.minX) * place.scale) * 10) / 10,
        y: Math.round((place.size - (place.offsetY + (stand.position[1] - place.minY) * place.scale)) * 10) / 10,
        nearestGroup: label(stand.nearestGroup),
        assignedGroup: label(assigned),
        votes: stand.votes,
      });
    },

    /** The stored results view (null until the first recompute). Reading it never computes anything. */
    async results(actor: Actor | null, conversationId: string): Promise<Result<{ view: ResultsView | null; computedAt: Date | null }>> {
      const row = await visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const stored = await viewOf(conversationId);
      return ok({ view: stored.view, computedAt: stored.computedAt });
    },

    /** Asks for a recompute (rate-limited here, coalesced by the job queue). */
    triggerRecompute,

    /** The job's work: brings the in-memory state up to date, recomputes off the main thread, stores, notifies. */
    recompute,

    /**
     * Imports a Pol.is openData export (comments.csv and votes.csv required; participants-votes.csv and
     * summary.csv checked and used when given) into a conversation that has no statements yet. Every file is
     * read and checked before anything is written; the first problem is reported with its file and line, and
     * nothing is imported.
     */
    async importPolis(actor: Actor | null, conversationId: string, files: PolisFiles, attribution?: { name: string; url: string | null; licence: string | null }): Promise<Result<{ statements: number; participants: number; votes: number }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await repo.findConversation(conversationId);
      if (!row) return fail('NotFound');
      const missing: FieldError[] = [];
      if (!files.comments) missing.push({ field: 'comments', message: 'conversations.import.fileRequired', params: { file: 'comments.csv' } });
      if (!files.votes) missing.push({ field: 'votes', message: 'conversations.import.fileRequired', params: { file: 'votes.csv' } });
      if (missing.length > 0 || !files.comments || !files.votes) return fail('ValidationFailed', missing);
      const comments = readCommentsCsv(files.comments);
      if (!comments.ok) return fail('ValidationFailed', [importError('comments', comments)]);
      const votes = readVotesCsv(files.votes);
      if (!votes.ok) return fail('ValidationFailed', [importError('votes', votes)]);
      const numbers = new Set<number>();
      for (const [i, c] of comments.comments.entries()) {
        if (typeof c.id !== 'number' || c.id < 0 || c.id > 1e9) {
          return fail('ValidationFailed', [{ field: 'comments', message: 'conversations.import.badValue', params: { file: 'comments.csv', line: i + 2, column: 'comment-id' } }]);
        }
        numbers.add(c.id);
      }
      for (const [i, v] of votes.votes.entries()) {
        // votes.csv has no quoted line breaks: record i is on line i + 2.
        if (typeof v.statement !== 'number' || !numbers.has(v.statement)) {
          return fail('ValidationFailed', [{ field: 'votes', message: 'conversations.import.unknownStatement', params: { file: 'votes.csv', line: i + 2, column: 'comment-id' } }]);
        }
      }
      if (files.participantsVotes) {
        const pv = readParticipantsVotesCsv(files.participantsVotes);
        if (!pv.ok) return fail('ValidationFailed', [importError('participantsVotes', pv)]);
      }
      let summary = new Map<string, string>();
      if (files.summary) {
        const read = readSummary(files.summary);
        if (!read.ok) return read;
        summary = read.value;
      }
      // Keep each participant's latest vote per statement (a re-vote overwrites, as in Pol.is).
      const latest = new Map<string, { participant: string; statement: number; vote: number; at: Date | null }>();
      for (const v of [...votes.votes].map((vote, i) => ({ vote, i })).sort((a, b) => (a.vote.timestamp ?? -Infinity) - (b.vote.timestamp ?? -Infinity) || a.i - b.i)) {
        latest.set(`${String(v.vote.participant)}:${String(v.vote.statement)}`, {
          participant: String(v.vote.participant),
          statement: Number(v.vote.statement),
          vote: v.vote.vote,
          at: v.vote.timestamp === null ? null : new Date(v.vote.timestamp),
        });
      }
      const imported = await repo.importHistory(
        conversationId,
        comments.comments.map((c) => ({
          number: Number(c.id),
          body: c.text,
          moderation: c.moderation,
          isMeta: c.isMeta,
          author: c.authorId === null ? null : String(c.authorId),
          createdAt: c.timestamp === null ? null : new Date(c.timestamp),
        })),
        [...latest.values()],
      );
      if (!imported) return fail('Conflict');
      const topic = summary.get('topic')?.trim();
      const description = summary.get('conversation-description')?.trim();
      await repo.setSource(conversationId, {
        name: attribution?.name ?? (topic ? `Pol.is: ${topic}` : 'Pol.is'),
        url: attribution?.url ?? summary.get('url')?.trim() ?? null,
        licence: attribution?.licence ?? null,
        ...(topic && row.question.trim() === '' ? { question: topic } : {}),
        ...(description && row.description.trim() === '' ? { description: description.slice(0, conversationLimits.description) } : {}),
      });
      conversationCache.delete(conversationId);
      statementCache.delete(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.imported', subjectType: 'conversation', subjectId: conversationId, details: imported });
      triggerRecompute(conversationId);
      return ok(imported);
    },

    /**
     * Exports in Pol.is's openData layout: comments.csv, votes.csv, participants-votes.csv, summary.csv.
     * Participants are numbered (imported ones keep their Pol.is number); nothing identifies a person.
     */
    async exportPolis(actor: Actor | null, conversationId: string): Promise<Result<Record<'comments.csv' | 'votes.csv' | 'participants-votes.csv' | 'summary.csv', string>>> {
      const row = await visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const statements = await repo.statements(conversationId);
      const participants = await repo.participants(conversationId);
      const numberOf = new Map<number, number>();
      let next = 0;
      for (const p of participants) if (p.external_id !== null && /^\d{1,9}$/.test(p.external_id)) next = Math.max(next, Number(p.external_id) + 1);
      for (const p of participants) numberOf.set(p.id, p.external_id !== null && /^\d{1,9}$/.test(p.external_id) ? Number(p.external_id) : next++);
      const votes = (await repo.allVotes(conversationId)).map((v) => ({ participant: numberOf.get(v.participant_id) ?? 0, statement: v.number, vote: v.vote as -1 | 0 | 1, timestamp: v.voted_at.getTime() }));
      const state = buildConversation(
        statements.map((s) => ({ id: s.number, moderation: s.moderation, isMeta: s.is_meta, text: s.body, authorId: null, timestamp: s.created_at.getTime() })),
        votes,
      );
      const result = await fullResult(conversationId);
      // The stored result names participants by their internal ids: map them to the exported numbers.
      const exportedResult: OpinionResult | null = result ? { ...result, participants: result.participants.map((p) => ({ ...p, id: numberOf.get(Number(p.id)) ?? p.id })) } : null;
      const authored = new Map<number, number>();
      for (const s of statements) {
        if (s.author_participant_id === null) continue;
        const n = numberOf.get(s.author_participant_id);
        if (n !== undefined) authored.set(n, (authored.get(n) ?? 0) + 1);
      }
      const commentsCsv = writeCommentsCsv(
        state,
        [...statements].reverse().map((s) => ({ id: s.number, timestamp: s.created_at.getTime(), authorId: s.author_participant_id === null ? null : (numberOf.get(s.author_participant_id) ?? null), text: s.body })),
      );
      const stored = await viewOf(conversationId);
      const summaryCsv = writeCsv([
        ['topic', row.question],
        ['url', row.source_url ?? ''],
        ['voters', String(state.participantIds.length)],
        ['voters-in-conv', String(exportedResult?.participants.filter((p) => p.inConv).length ?? 0)],
        ['commenters', String(authored.size)],
        ['comments', String(statements.length)],
        ['groups', String(stored.view?.groups.length ?? 0)],
        ['conversation-description', row.description],
      ]);
      return ok({
        'comments.csv': commentsCsv,
        'votes.csv': writeVotesCsv(votes),
        'participants-votes.csv': writeParticipantsVotesCsv(state, exportedResult, authored),
        'summary.csv': summaryCsv,
      });
    },

    /** Statements waiting for a moderator, across the process's conversations. */
    async moderationQueue(actor: Actor | null, conversationId: string): Promise<Result<StatementView[]>> {
      if (!conversationsPolicy.moderate(actor)) return fail('Forbidden');
      return ok((await repo.statements(conversationId)).filter((s) => s.moderation === 'unmoderated').map(presentStatement));
    },

    /** People who took part with an account, for notifications about what came of the conversation. */
    participantUsers: (conversationId: string) => repo.participantUsers(conversationId),

    /** Forgets cached rows (tests that change dates or settings behind the service's back). */
    clearCaches() {
      conversationCache.clear();
      statementCache.clear();
      viewCache.clear();
    },
  };
}

function checkStatement(text: string): FieldError | null {
  if (text === '') return { field: 'body', message: 'field.required' };
  if (text.length < statementLimits.min) return { field: 'body', message: 'field.tooShort', params: { min: statementLimits.min } };
  if (text.length > statementLimits.max) return { field: 'body', message: 'field.tooLong', params: { max: statementLimits.max } };
  return null;
}

export type ConversationsService = ReturnType<typeof conversationsService>;
