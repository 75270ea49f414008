/**
 * Test helper (not part of the public API): locates the shared reference data and loads Pol.is conversations.
 * Reads files, so only tests, the CLI and the benchmark use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildConversation, readCommentsCsv, readCommentsJson, readMathJson, readParticipantsVotesCsv, readVotesCsv, readVotesJson,
  type CommentRecord, type ParticipantVotesRow, type PolisMath, type ReadError, type VoteRecord,
} from './formats.ts';
import type { ConversationState } from './state.ts';

/** The shared data folder: $TINGSTED_DATA, else <repo root>/../shared/data. */
export function dataDir(): string {
  const env = process.env.TINGSTED_DATA;
  if (env) return env;
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  return join(repoRoot, '..', 'shared', 'data');
}

/** Whether the Pol.is reference data is present. */
export function hasPolisData(): boolean {
  return existsSync(join(dataDir(), 'polis', 'pcod'));
}

function must<R extends { ok: true } | ReadError>(r: R): Extract<R, { ok: true }> {
  if (!r.ok) throw new Error((r as ReadError).detail);
  return r as Extract<R, { ok: true }>;
}

/** openData conversation loaded from CSV: comments, votes, participants-votes rows. */
export function loadOpenData(name: string): { comments: CommentRecord[]; votes: VoteRecord[]; participants: ParticipantVotesRow[] } {
  const dir = join(dataDir(), 'polis', 'openData', name);
  const comments = must(readCommentsCsv(readFileSync(join(dir, 'comments.csv'), 'utf8'))).comments;
  const votes = must(readVotesCsv(readFileSync(join(dir, 'votes.csv'), 'utf8'))).votes;
  const participants = must(readParticipantsVotesCsv(readFileSync(join(dir, 'participants-votes.csv'), 'utf8'))).rows;
  return { comments, votes, participants };
}

/** openData conversation name holding the votes of a pcod conversation without votes.json (and the complete votes of 5sw7wa5dep). */
export const PCOD_OPENDATA: Record<string, string> = { '3atycmhmer': 'scoop-hivemind.biodiversity', '5sw7wa5dep': 'scoop-hivemind.taxes' };

/**
 * A pcod conversation: comments.json, the stored math, and the votes (from openData where the pcod dump's
 * votes.json is missing or incomplete: 3atycmhmer has none, 5sw7wa5dep's lacks two participants).
 */
export function loadPcod(id: string): { state: ConversationState; math: PolisMath } {
  const dir = join(dataDir(), 'polis', 'pcod', id);
  const comments = must(readCommentsJson(readFileSync(join(dir, 'comments.json'), 'utf8'))).comments;
  const math = must(readMathJson(readFileSync(join(dir, 'math-pca2.json'), 'utf8'))).math;
  const od = PCOD_OPENDATA[id];
  const votes = od
    ? loadOpenData(od).votes
    : must(readVotesJson(readFileSync(join(dir, 'votes.json'), 'utf8'))).votes;
  return { state: buildConversation(comments, votes), math };
}
