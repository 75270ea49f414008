import type { Selectable } from 'kysely';
import type { Actor } from '../accounts/index.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import type { RecommendationCommentsTable, RecommendationDecision, RecommendationSupportsTable, StakeholdersTable, SupportKind } from './stakeholders.tables.ts';

type Row<T> = Selectable<T>;

/** A comment as shown: a hidden one keeps its place and the reason, not its text. */
export interface PresentedComment {
  readonly id: string;
  readonly author: { readonly name: string | null; readonly role: string | null } | null;
  readonly body: string | null;
  readonly hidden: boolean;
  readonly hiddenReason: string | null;
  readonly createdAt: Date;
  /** Whether the actor may report it to the moderators: signed in, not theirs, not hidden. */
  readonly canReport: boolean;
  readonly replies: readonly Omit<PresentedComment, 'replies'>[];
}

/** The state of a recommendation: drafted together, sent to the decision-maker, or answered. */
export type RecommendationState = 'draft' | 'sent' | 'answered';

/**
 * A recommendation as a page or the API shows it to the actor: the current version, the support it has and
 * needs, the comments, its state and answer, and what the actor may do (`can`).
 */
export function presentRecommendation(input: {
  rec: { id: string; panel_id: string; number: number; title: string; body: string; version: number; sent_at: Date | null; decision: RecommendationDecision | null; decision_reason: string | null; decided_at: Date | null };
  processSlug: string;
  rule: { threshold: { kind: SupportKind; value: number }; members: number; needed: number };
  supports: readonly Row<RecommendationSupportsTable>[];
  comments: readonly Row<RecommendationCommentsTable>[];
  people: readonly Row<StakeholdersTable>[];
  actor: Actor | null;
  me: { id: string; role: string; invites_left: number } | null;
}) {
  const { rec, rule, actor, me } = input;
  const current = input.supports.filter((s) => s.version === rec.version);
  const mine = me ? input.supports.find((s) => s.stakeholder_id === me.id) : undefined;
  const supports: 'current' | 'earlier' | null = mine ? (mine.version === rec.version ? 'current' : 'earlier') : null;
  const state: RecommendationState = rec.decision ? 'answered' : rec.sent_at ? 'sent' : 'draft';
  const author = (userId: string | null) => {
    if (!userId) return null;
    const person = input.people.find((p) => p.user_id === userId);
    return person ? { name: person.name, role: person.role } : { name: null, role: null };
  };
  const show = (c: Row<RecommendationCommentsTable>) => ({ id: c.id, author: author(c.author_id), body: c.hidden_at ? null : c.body, hidden: c.hidden_at !== null, hiddenReason: c.hidden_at ? c.hidden_reason : null, createdAt: c.created_at, canReport: actor !== null && c.author_id !== actor.id && c.hidden_at === null });
  const comments: PresentedComment[] = input.comments.filter((c) => c.parent_id === null).map((c) => ({ ...show(c), replies: input.comments.filter((r) => r.parent_id === c.id).map(show) }));
  const member = me ? { id: me.id, role: me.role, invitesLeft: me.invites_left } : null;
  return {
    id: rec.id,
    panelId: rec.panel_id,
    number: rec.number,
    link: `/processes/${input.processSlug}/stakeholders/recommendations/${rec.number}`,
    title: rec.title,
    body: rec.body,
    version: rec.version,
    state,
    sentAt: rec.sent_at,
    decision: rec.decision,
    decisionReason: rec.decision_reason,
    decidedAt: rec.decided_at,
    support: {
      count: current.length,
      needed: rule.needed,
      members: rule.members,
      threshold: rule.threshold,
      enough: current.length >= rule.needed,
      mine: supports,
      supporters: input.people.filter((p) => current.some((s) => s.stakeholder_id === p.id)).map((p) => ({ name: p.name, role: p.role })),
    },
    comments,
    can: stakeholdersPolicy.canRecommendation(actor, member, { sent: rec.sent_at !== null, answered: rec.decision !== null, supports, hasSupport: current.length >= rule.needed }),
  };
}

/** A presented recommendation. */
export type PresentedRecommendation = ReturnType<typeof presentRecommendation>;
