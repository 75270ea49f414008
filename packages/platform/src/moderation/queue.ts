import type { Actor } from '../accounts/accounts.policy.ts';
import type { ModeratedType } from '../shared/moderation-gate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ItemKey } from './moderation.repository.ts';
import type { ModerationContext, ModerationItem } from './moderation.context.ts';
import { moderationPolicy } from './moderation.policy.ts';
import type { ReportReason } from './moderation.tables.ts';

/** The most items one queue page shows (the oldest first). */
export const queueLimit = 200;

/** One item waiting for a moderator, with its reports and its author's history. */
export interface QueueEntry {
  readonly item: ModerationItem;
  readonly authorName: string | null;
  /** Why it is here: reported, waiting for pre-screening, or hidden with its author asking for review. */
  readonly waiting: 'reported' | 'screening' | 'review';
  /** When it started waiting (the first open report, the post, or the review request). */
  readonly since: Date;
  readonly reports: readonly { readonly reason: ReportReason; readonly text: string | null; readonly at: Date }[];
  readonly author: {
    /** Earlier items of this author that moderators hid, newest first (at most five). */
    readonly hidden: readonly { readonly type: ModeratedType; readonly reason: string | null; readonly at: Date }[];
    readonly hiddenCount: number;
    readonly blocks: readonly { readonly reason: string; readonly at: Date; readonly until: Date }[];
    readonly blockedUntil: Date | null;
  };
}

/** The moderators' queue. */
export function queueUseCases(ctx: ModerationContext) {
  const { deps, repo, loadItem } = ctx;
  return {
    /** Open reports on a process's ideas, counted per idea (for read models such as the inputs manager). */
    async openReportsOnIdeas(processId: string): Promise<Map<string, number>> {
      return new Map((await repo.openIdeaReportCounts(processId)).map((r) => [r.target_id, Number(r.n)]));
    },

    /**
     * What waits for a moderator, oldest first: reported items, ideas and statements waiting for pre-screening, and hidden
     * items whose author asked for review, each with its open reports and its author's history (earlier
     * hidden items, blocks). Moderators and process managers; optionally one process.
     */
    async moderationQueue(actor: Actor | null, query: { processId?: string | undefined } = {}): Promise<Result<QueueEntry[]>> {
      if (!actor) return fail('NotSignedIn');
      if (!moderationPolicy.moderate(actor)) return fail('Forbidden');
      const processIds = query.processId ? [query.processId] : null;
      const [reports, pending, pendingStatements, reviews] = await Promise.all([
        repo.openReports({ processIds }),
        deps.ideas.pendingScreening(processIds),
        deps.conversations.pendingStatements(processIds),
        repo.reviewRequests(processIds),
      ]);
      const waiting = new Map<string, { key: ItemKey; waiting: QueueEntry['waiting']; since: Date }>();
      const note = (key: ItemKey, why: QueueEntry['waiting'], since: Date) => {
        const id = `${key.type}:${key.id}`;
        const known = waiting.get(id);
        if (!known || since < known.since) waiting.set(id, { key, waiting: known?.waiting === 'review' ? 'review' : why, since });
      };
      for (const r of reviews) note({ type: r.target_type, id: r.target_id }, 'review', r.created_at);
      for (const p of pending) note({ type: 'idea', id: p.id }, 'screening', p.createdAt);
      for (const s of pendingStatements) note({ type: 'statement', id: s.id }, 'screening', s.createdAt);
      for (const r of reports) note({ type: r.target_type, id: r.target_id }, 'reported', r.created_at);
      const chosen = [...waiting.values()].sort((a, b) => a.since.getTime() - b.since.getTime() || `${a.key.type}:${a.key.id}`.localeCompare(`${b.key.type}:${b.key.id}`)).slice(0, queueLimit);
      const items = (await Promise.all(chosen.map(async (c) => ({ ...c, item: await loadItem(c.key) })))).filter((c): c is typeof c & { item: ModerationItem } => c.item !== null);
      const authorIds = [...new Set(items.flatMap((c) => (c.item.authorId ? [c.item.authorId] : [])))];
      const [names, history] = await Promise.all([deps.accounts.displayNamesOf(authorIds), repo.authorHistory(authorIds)]);
      const now = deps.clock();
      return ok(
        items.map((c): QueueEntry => {
          const authorId = c.item.authorId;
          const hidden = history.hidden.filter((h) => h.author_id === authorId && !(h.target_type === c.item.type && h.target_id === c.item.id));
          const blocks = history.blocks.filter((b) => b.user_id === authorId);
          const inForce = blocks.filter((b) => b.lifted_at === null && b.ends_at > now).map((b) => b.ends_at);
          return {
            item: c.item,
            authorName: authorId ? (names.get(authorId) ?? null) : null,
            waiting: c.waiting,
            since: c.since,
            reports: reports.filter((r) => r.target_type === c.item.type && r.target_id === c.item.id).map((r) => ({ reason: r.reason, text: r.text, at: r.created_at })),
            author: {
              hidden: hidden.slice(0, 5).map((h) => ({ type: h.target_type, reason: h.reason, at: h.created_at })),
              hiddenCount: hidden.length,
              blocks: blocks.map((b) => ({ reason: b.reason, at: b.created_at, until: b.ends_at })),
              blockedUntil: inForce.length > 0 ? new Date(Math.max(...inForce.map((d) => d.getTime()))) : null,
            },
          };
        }),
      );
    },
  };
}
