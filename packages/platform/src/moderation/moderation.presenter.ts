import type { Actor } from '../accounts/accounts.policy.ts';
import { moderationPolicy } from './moderation.policy.ts';
import type { QueueEntry } from './queue.ts';

/** What the actor may do with one queue entry, from the moderation policy and the item's state. */
export function queueEntryCan(actor: Actor | null, entry: QueueEntry) {
  const can = moderationPolicy.can(actor);
  const hidden = entry.item.hidden !== null;
  return {
    approve: can.approve && !hidden,
    hide: can.hide && (!hidden || entry.waiting === 'review'),
    restore: can.restore && hidden,
    block: can.block && entry.item.authorId !== null && entry.author.blockedUntil === null,
  };
}

/** A queue entry as the API and the queue page show it: dates as ISO text, no author id, `can` flags. */
export function presentQueueEntry(entry: QueueEntry, actor: Actor | null) {
  const { item } = entry;
  return {
    type: item.type,
    id: item.id,
    processId: item.processId,
    title: item.title,
    body: item.body,
    authorName: entry.authorName,
    waiting: entry.waiting,
    since: entry.since.toISOString(),
    hidden: item.hidden,
    ideaId: item.ideaId,
    conversationId: item.conversationId,
    link: item.link,
    reports: entry.reports.map((r) => ({ reason: r.reason, text: r.text, at: r.at.toISOString() })),
    author: {
      hiddenCount: entry.author.hiddenCount,
      hidden: entry.author.hidden.map((h) => ({ type: h.type, reason: h.reason, at: h.at.toISOString() })),
      blocks: entry.author.blocks.map((b) => ({ reason: b.reason, at: b.at.toISOString(), until: b.until.toISOString() })),
      blockedUntil: entry.author.blockedUntil?.toISOString() ?? null,
    },
    can: queueEntryCan(actor, entry),
  };
}

/** A presented queue entry. */
export type PresentedQueueEntry = ReturnType<typeof presentQueueEntry>;

/**
 * The queue in the shape GET /processes/{id}/moderation answered before the moderation module: one flag per
 * open report (its text, or its reason when it has none) and the ideas waiting for pre-screening.
 */
export function presentLegacyQueue(entries: readonly QueueEntry[]) {
  return {
    flags: entries.flatMap((entry) =>
      entry.item.type !== 'idea' && entry.item.type !== 'comment'
        ? []
        : entry.reports.map((r) => ({
            targetType: entry.item.type as 'idea' | 'comment',
            targetId: entry.item.id,
            reason: r.text ?? r.reason,
            ideaId: entry.item.ideaId,
            ideaTitle: entry.item.title,
            commentBody: entry.item.type === 'comment' ? entry.item.body : null,
          })),
    ),
    pending: entries.filter((e) => e.waiting === 'screening').map((e) => ({ id: e.item.id, title: e.item.title, body: e.item.body })),
  };
}
