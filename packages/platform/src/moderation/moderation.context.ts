import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ConversationsService } from '../conversations/index.ts';
import type { Db } from '../db/database.ts';
import type { IdeasService } from '../ideas/index.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { ProposalsService } from '../proposals/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { ModeratedType } from '../shared/moderation-gate.ts';
import { fail, type Failure } from '../shared/result.ts';
import type { ModerationGateHandle } from './gate.ts';
import { moderationRepository, type ItemKey } from './moderation.repository.ts';
import type { DecisionAction } from './moderation.tables.ts';

/**
 * A comment on a stakeholder panel's recommendation as the stakeholders module gives it to moderation (that
 * module comes after this one in the order, so the shape is named here and platform.ts wires it).
 */
export interface RecommendationCommentModeration {
  recommendationCommentForModeration(id: string): Promise<{
    readonly id: string;
    readonly processId: string;
    readonly authorId: string | null;
    readonly recommendationTitle: string;
    readonly body: string;
    readonly hidden: { readonly reason: string } | null;
    readonly createdAt: Date;
    readonly link: string;
  } | null>;
  setRecommendationCommentHidden(id: string, hidden: { readonly reason: string; readonly by: string } | null): Promise<void>;
}

/** What the moderation module needs from the platform: the modules whose content it moderates. */
export interface ModerationDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly clock: Clock;
  readonly accounts: Pick<AccountsService, 'displayNamesOf' | 'rolesOf'>;
  readonly ideas: Pick<IdeasService, 'findForModeration' | 'setHidden' | 'publishScreened' | 'pendingScreening'>;
  readonly conversations: Pick<ConversationsService, 'statementForModeration' | 'setStatementHidden' | 'pendingStatements'>;
  /** Proposals (issue 19): reported and hidden like ideas; their authors are told by the proposals module. */
  readonly proposals: Pick<ProposalsService, 'proposalForModeration' | 'setProposalHidden'>;
  /** Comments on stakeholder panels' recommendations (issue 20). */
  readonly recommendationComments: RecommendationCommentModeration;
  /** Tells a statement's author it was hidden (ideas and comments are told by the ideas module). */
  readonly notifications: Pick<NotificationsService, 'notify'>;
  /** The gate made by `createModerationGate` before the content modules, shared with them. */
  readonly gate: ModerationGateHandle;
}

/** An idea, comment, statement or proposal as moderation sees it, whatever module holds it. */
export interface ModerationItem {
  readonly type: ModeratedType;
  readonly id: string;
  readonly processId: string;
  readonly authorId: string | null;
  /** The idea's title (a comment's idea), the conversation's question or the recommendation's title. */
  readonly title: string;
  readonly body: string;
  readonly hidden: { readonly reason: string } | null;
  readonly awaitingScreening: boolean;
  readonly createdAt: Date;
  /** Where it is shown: the idea, or the conversation. */
  readonly ideaId: string | null;
  readonly conversationId: string | null;
  /**
   * A statement's conversation page, a proposal's page or a recommendation comment's place on its page (null for
   * ideas and comments, whose module links them).
   */
  readonly link: string | null;
}

/** The latest decision on an item: who did what, when. */
export interface LatestDecision {
  readonly action: DecisionAction;
  readonly actorId: string | null;
  readonly reason: string | null;
  readonly at: Date;
}

/**
 * What the use-case files share: the repository, the gate (blocks and review requests), loading an item from
 * its module, its latest decision, and the refusal that says another moderator already handled it.
 */
export function moderationContext(deps: ModerationDeps) {
  const repo = moderationRepository(deps.db);
  const gate = deps.gate;

  /** The item of this kind and id, from the module that holds it; null when there is none. */
  async function loadItem(key: ItemKey): Promise<ModerationItem | null> {
    if (key.type === 'statement') {
      if (!/^\d{1,9}$/.test(key.id)) return null;
      const s = await deps.conversations.statementForModeration(Number(key.id));
      if (!s) return null;
      return {
        type: 'statement',
        id: String(s.id),
        processId: s.processId,
        authorId: s.authorId,
        title: s.question,
        body: s.body,
        hidden: s.hidden ? { reason: '' } : null,
        awaitingScreening: s.awaitingModeration,
        createdAt: s.createdAt,
        ideaId: null,
        conversationId: s.conversationId,
        link: s.link,
      };
    }
    if (key.type === 'proposal') {
      const p = await deps.proposals.proposalForModeration(key.id);
      if (!p) return null;
      return {
        type: 'proposal',
        id: p.id,
        processId: p.processId,
        authorId: p.authorId,
        title: p.title,
        body: p.body,
        hidden: p.hidden,
        awaitingScreening: false,
        createdAt: p.createdAt,
        ideaId: null,
        conversationId: null,
        link: p.link,
      };
    }
    if (key.type === 'recommendation_comment') {
      const c = await deps.recommendationComments.recommendationCommentForModeration(key.id);
      if (!c) return null;
      return {
        type: 'recommendation_comment',
        id: c.id,
        processId: c.processId,
        authorId: c.authorId,
        title: c.recommendationTitle,
        body: c.body,
        hidden: c.hidden,
        awaitingScreening: false,
        createdAt: c.createdAt,
        ideaId: null,
        conversationId: null,
        link: c.link,
      };
    }
    const found = await deps.ideas.findForModeration(key.type, key.id);
    if (!found) return null;
    return {
      type: key.type,
      id: found.id,
      processId: found.processId,
      authorId: found.authorId,
      title: found.ideaTitle,
      body: found.body,
      hidden: found.hidden ? { reason: found.hidden.reason } : null,
      awaitingScreening: found.awaitingScreening,
      createdAt: found.createdAt,
      ideaId: found.ideaId,
      conversationId: null,
      link: null,
    };
  }

  /** The latest decision on each item, by `type:id`. */
  async function latestDecisions(items: readonly ItemKey[]): Promise<Map<string, LatestDecision>> {
    const rows = await repo.latestDecisions(items);
    return new Map(rows.map((r) => [`${r.target_type}:${r.target_id}`, { action: r.action, actorId: r.actor_id, reason: r.reason, at: r.created_at }]));
  }

  /** `AlreadyHandled`, saying who did what and when (or that the item is not waiting for anyone). */
  async function alreadyHandled(latest: LatestDecision | undefined): Promise<Failure> {
    if (!latest) return fail('AlreadyHandled', [{ field: 'item', message: 'moderation.handled.none' }]);
    const names = latest.actorId ? await deps.accounts.displayNamesOf([latest.actorId]) : new Map<string, string>();
    const who = (latest.actorId && names.get(latest.actorId)) || '—';
    const when = `${latest.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return fail('AlreadyHandled', [{ field: 'item', message: `moderation.handled.${latest.action}`, params: { who, when } }]);
  }

  return { deps, repo, gate, loadItem, latestDecisions, alreadyHandled };
}

export type ModerationContext = ReturnType<typeof moderationContext>;
