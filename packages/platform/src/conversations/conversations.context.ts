import { createHash } from 'node:crypto';
import { applyVote, createConversation, upsertStatement } from '@tingsted/opinions';
import type { AccountsService, Actor } from '../accounts/index.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Db } from '../db/database.ts';
import type { JobQueue } from '../jobs/jobs.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { Logger } from '../shared/logger.ts';
import type { ModerationGate } from '../shared/moderation-gate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import { conversationsRepository, type ConversationRow, type StatementRow } from './conversations.repository.ts';
import type { ConversationView, StatementView, Voter } from './conversations.types.ts';
import type { RecomputeRunner } from './recompute.ts';
import { createRecomputeThrottle } from './recompute-throttle.ts';
import { createStoredResults } from './stored-results.ts';
import { createVoteCaches, type ParticipantKey } from './vote-caches.ts';

/** What the conversations module needs from the platform. */
export interface ConversationsDeps {
  readonly db: Db;
  readonly audit: AuditService;
  /** Whether a signed-in person's address is confirmed (their statements need it). */
  readonly accounts: Pick<AccountsService, 'requireConfirmed'>;
  readonly processes: ProcessesService;
  readonly jobs: JobQueue;
  readonly runner: RecomputeRunner;
  readonly logger: Logger;
  /** Blocks and review requests (the moderation module). */
  readonly gate: ModerationGate;
  /** The municipality's time zone (participation by day in the report); Europe/Oslo when left out. */
  readonly timeZone?: string;
  /** How long to wait for the translation service (tests shorten it). */
  readonly translationTimeoutMs?: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * What the use-case files share: the repository, the caches and the recompute throttle (one of each per
 * service), and the checks every use case makes (is the conversation visible, who is voting).
 */
export function conversationsContext(deps: ConversationsDeps) {
  const repo = conversationsRepository(deps.db);
  const rows = createVoteCaches(repo);
  const stored = createStoredResults(repo);
  const throttle = createRecomputeThrottle({ jobs: deps.jobs, logger: deps.logger });

  /** The conversation as pages show it; open when its phase is open, its process published and it is not closed. */
  async function present(row: ConversationRow): Promise<ConversationView> {
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
      minVotes: row.min_votes,
      minGroupSize: row.min_group_size,
      open,
      closedEarly: row.closed_at !== null,
      source: row.source_name ? { name: row.source_name, url: row.source_url, licence: row.source_licence } : null,
    };
  }

  /** A statement as pages show it. */
  function presentStatement(s: StatementRow): StatementView {
    return { id: s.id, number: s.number, body: s.body, moderation: s.moderation, isSeed: s.is_seed, createdAt: s.created_at };
  }

  /** Statements participants vote on: not rejected, and accepted when the manager moderates first. */
  function votable(row: ConversationRow, s: StatementRow): boolean {
    return s.moderation === 'accepted' || (s.moderation === 'unmoderated' && !row.pre_moderation);
  }

  /** The conversation, if it exists and its process is visible to the actor. */
  async function visible(actor: Actor | null, conversationId: string): Promise<ConversationRow | null> {
    const row = await rows.conversation(conversationId);
    if (!row) return null;
    const found = await deps.processes.getProcessById(row.process_id);
    if (!found || (found.status === 'draft' && !conversationsPolicy.manage(actor))) return null;
    return row;
  }

  /** Who is voting: the signed-in person, or an anonymous visitor (by a hash of their token) where allowed. */
  function who(voter: Voter, row: ConversationRow): Result<ParticipantKey> {
    if (voter.actor) return ok({ userId: voter.actor.id });
    if (!row.allow_anonymous) return fail('NotSignedIn');
    if (!voter.visitorToken || voter.visitorToken.length < 20) return fail('NotSignedIn');
    return ok({ anonKey: sha256(voter.visitorToken) });
  }

  /** The voter's participant id if they have taken part already. */
  async function existingParticipant(row: ConversationRow, voter: Voter): Promise<number | null> {
    const person = who(voter, row);
    if (!person.ok) return null;
    return rows.existingParticipantId(row.id, person.value);
  }

  /** A state with every statement and one participant's votes, for routing and "where do I stand". */
  async function personalState(row: ConversationRow, participantId: number | null, onlyVotable: boolean) {
    const statements = await rows.statements(row.id);
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

  return {
    deps,
    repo,
    rows,
    stored,
    /** Asks for a recompute (rate-limited here, coalesced by the job queue). */
    triggerRecompute: (conversationId: string): void => throttle.request(conversationId),
    /** Cancels waiting recompute requests (platform.close()). */
    stopThrottle: (): void => throttle.stop(),
    present,
    presentStatement,
    votable,
    visible,
    who,
    existingParticipant,
    personalState,
  };
}

export type ConversationsContext = ReturnType<typeof conversationsContext>;
