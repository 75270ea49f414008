import {
  buildConversation,
  parseCsv,
  readCommentsCsv,
  readParticipantsVotesCsv,
  readVotesCsv,
  writeCommentsCsv,
  writeCsv,
  writeParticipantsVotesCsv,
  writeVotesCsv,
  type OpinionResult,
  type ReadError,
} from '@tingsted/opinions';
import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import { conversationLimits, type PolisFiles } from './conversations.types.ts';

/** At most this many problems are listed; a last line counts the rest. */
const shownProblems = 500;

function fileName(file: string): string {
  return `${file}.csv`.replace('participantsVotes.csv', 'participants-votes.csv');
}

function importError(file: string, error: ReadError): FieldError {
  const column = /column "([^"]+)"/.exec(error.detail)?.[1] ?? /"([a-z-]+)" is not/.exec(error.detail)?.[1] ?? /(?:empty|duplicate) "?([a-z-]+)"?/.exec(error.detail)?.[1] ?? '';
  const reason =
    error.reason === 'missing-column' ? 'conversations.import.missingColumn'
    : error.reason === 'malformed-csv' ? 'conversations.import.malformed'
    : column !== '' ? 'conversations.import.badValueAt'
    : 'conversations.import.badValue';
  return { field: file, message: reason, params: { file: fileName(file), line: error.line ?? 1, column } };
}

/** Every problem a reader found in a file: the first, the others, and a count of those not kept. */
function importErrors(file: string, error: ReadError): FieldError[] {
  const all = [error, ...(error.others ?? [])].map((e) => importError(file, e));
  const more = (error.total ?? all.length) - all.length;
  return more > 0 ? [...all, { field: file, message: 'conversations.import.more', params: { file: fileName(file), count: more } }] : all;
}

/** Caps a list of problems, with a last line that counts the rest. */
function capped(errors: FieldError[]): FieldError[] {
  if (errors.length <= shownProblems) return errors;
  const last = errors[shownProblems - 1];
  return [...errors.slice(0, shownProblems - 1), { field: last?.field ?? 'votes', message: 'conversations.import.more', params: { file: '', count: errors.length - shownProblems + 1 } }];
}

function readSummary(text: string): Result<Map<string, string>> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail('ValidationFailed', [importError('summary', parsed)]);
  const out = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const record of parsed.records) {
    if (record.fields.length < 2 || (record.fields[0] ?? '').trim() === '') {
      errors.push({ field: 'summary', message: 'conversations.import.badValue', params: { file: 'summary.csv', line: record.line, column: '' } });
      continue;
    }
    out.set((record.fields[0] ?? '').trim(), record.fields[1] ?? '');
  }
  return errors.length > 0 ? fail('ValidationFailed', capped(errors)) : ok(out);
}

/** Import and export of a conversation's whole history in Pol.is's openData format. */
export function polisUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Imports a Pol.is openData export (comments.csv and votes.csv required; participants-votes.csv and
     * summary.csv checked and used when given) into a conversation that has no statements yet. Every file is
     * read and checked before anything is written; every problem is reported with its file, line and (where
     * it is one value) column, and nothing is imported when there is one.
     */
    async importPolis(actor: Actor | null, conversationId: string, files: PolisFiles, attribution?: { name: string; url: string | null; licence: string | null }): Promise<Result<{ statements: number; participants: number; votes: number }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await repo.findConversation(conversationId);
      if (!row) return fail('NotFound');
      const missing: FieldError[] = [];
      if (!files.comments) missing.push({ field: 'comments', message: 'conversations.import.fileRequired', params: { file: 'comments.csv' } });
      if (!files.votes) missing.push({ field: 'votes', message: 'conversations.import.fileRequired', params: { file: 'votes.csv' } });
      if (missing.length > 0 || !files.comments || !files.votes) return fail('ValidationFailed', missing);
      // Every file is read and every row checked, so one upload reports all the problems.
      const problems: FieldError[] = [];
      const comments = readCommentsCsv(files.comments);
      if (!comments.ok) problems.push(...importErrors('comments', comments));
      const votes = readVotesCsv(files.votes);
      if (!votes.ok) problems.push(...importErrors('votes', votes));
      const numbers = new Set<number>();
      for (const [i, c] of (comments.ok ? comments.comments : []).entries()) {
        if (typeof c.id !== 'number' || c.id < 0 || c.id > 1e9) {
          problems.push({ field: 'comments', message: 'conversations.import.badValueAt', params: { file: 'comments.csv', line: i + 2, column: 'comment-id' } });
        } else numbers.add(c.id);
      }
      if (comments.ok) {
        for (const [i, v] of (votes.ok ? votes.votes : []).entries()) {
          // votes.csv has no quoted line breaks: record i is on line i + 2.
          if (typeof v.statement !== 'number' || !numbers.has(v.statement)) {
            problems.push({ field: 'votes', message: 'conversations.import.unknownStatement', params: { file: 'votes.csv', line: i + 2, column: 'comment-id' } });
          }
        }
      }
      if (files.participantsVotes) {
        const pv = readParticipantsVotesCsv(files.participantsVotes);
        if (!pv.ok) problems.push(...importErrors('participantsVotes', pv));
      }
      let summary = new Map<string, string>();
      if (files.summary) {
        const read = readSummary(files.summary);
        if (read.ok) summary = read.value;
        else problems.push(...(read.fields ?? []));
      }
      if (problems.length > 0 || !comments.ok || !votes.ok) return fail('ValidationFailed', capped(problems));
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
      ctx.rows.forgetConversation(conversationId);
      ctx.rows.forgetStatements(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.imported', subjectType: 'conversation', subjectId: conversationId, details: imported });
      ctx.triggerRecompute(conversationId);
      return ok(imported);
    },

    /**
     * Exports in Pol.is's openData layout: comments.csv, votes.csv, participants-votes.csv, summary.csv.
     * Participants are numbered (imported ones keep their Pol.is number); nothing identifies a person.
     */
    async exportPolis(actor: Actor | null, conversationId: string): Promise<Result<Record<'comments.csv' | 'votes.csv' | 'participants-votes.csv' | 'summary.csv', string>>> {
      const row = await ctx.visible(actor, conversationId);
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
      const result = await ctx.stored.result(conversationId);
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
      const stored = await ctx.stored.view(conversationId);
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
  };
}
