// The contracts of the moderation use cases: residents' reports; the moderators' queue and their actions on an
// item (approve, hide, restore, block its author) one at a time or in bulk. Shared by the /api/v1 routes and
// the report forms and /manage/moderation's form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Done, oneOf } from '../edge/schemas.ts';
import { moderatedTypes } from '../shared/moderation-gate.ts';
import { reportReasons } from './moderation.tables.ts';

const ItemType = oneOf(moderatedTypes, { description: 'idea, comment, statement, proposal or recommendation_comment (a comment on a stakeholder panel’s recommendation)' });
const ItemId = Type.String({ minLength: 1, maxLength: 40, description: "The item's id (a statement's id is a number)" });
const Reason = Type.String({ maxLength: 500, description: 'Shown to the author (3-500 characters)' });
const Can = Type.Object({ approve: Type.Boolean(), hide: Type.Boolean(), restore: Type.Boolean(), block: Type.Boolean() });

/** A queue entry as the API answers it (see `presentQueueEntry`). */
export const QueueEntrySchema = Type.Object({
  type: ItemType,
  id: Type.String(),
  processId: Type.String(),
  title: Type.String({ description: "The idea's title (a comment's idea), the conversation's question or the recommendation's title" }),
  body: Type.String(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  waiting: oneOf(['reported', 'screening', 'review'] as const, { description: 'Reported, waiting for pre-screening, or hidden and its author asks for review' }),
  since: Type.String({ format: 'date-time' }),
  hidden: Type.Union([Type.Object({ reason: Type.String() }), Type.Null()]),
  ideaId: Type.Union([Type.String(), Type.Null()]),
  conversationId: Type.Union([Type.String(), Type.Null()]),
  link: Type.Union([Type.String(), Type.Null()], { description: 'Where the item is shown (a path), when its module gives one: a statement’s conversation, a proposal, a recommendation’s comment' }),
  reports: Type.Array(Type.Object({ reason: oneOf(reportReasons), text: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) })),
  author: Type.Object({
    hiddenCount: Type.Integer({ description: 'Earlier items of this author that moderators hid' }),
    hidden: Type.Array(Type.Object({ type: ItemType, reason: Type.Union([Type.String(), Type.Null()]), at: Type.String({ format: 'date-time' }) })),
    blocks: Type.Array(Type.Object({ reason: Type.String(), at: Type.String({ format: 'date-time' }), until: Type.String({ format: 'date-time' }) })),
    blockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  }),
  can: Can,
});

/** Moderation contracts by use case. */
export const moderationContracts = {
  reportContent: contract({
    name: 'reportContent',
    summary: 'Report an idea, a comment, a statement, a proposal or a comment on a recommendation to the moderators, with a reason (once per person and item)',
    input: Type.Object({
      type: ItemType,
      id: ItemId,
      reason: Type.String({ maxLength: 40, description: 'spam, abusive, personal_data, off_topic or other' }),
      text: Type.Optional(Type.String({ maxLength: 1000, description: 'What is wrong; required with "other"' })),
    }),
    output: Done,
  }),
  moderationQueue: contract({
    name: 'moderationQueue',
    summary: 'What waits for a moderator, oldest first: reported items, ideas waiting for pre-screening, hidden items whose author asks for review (moderators and process managers)',
    input: Type.Object({ processId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this process' })) }),
    output: Type.Object({ items: Type.Array(QueueEntrySchema) }),
  }),
  approveItem: contract({
    name: 'approveItem',
    summary: 'Approve an item: dismiss its reports, publish it if it waited for pre-screening (moderators and process managers)',
    input: Type.Object({ type: ItemType, id: ItemId }),
    output: Done,
  }),
  hideItem: contract({
    name: 'hideItem',
    summary: 'Hide an item with a reason shown to its author, who is told and may edit it and ask for review (moderators and process managers)',
    input: Type.Object({ type: ItemType, id: ItemId, reason: Reason }),
    output: Done,
  }),
  restoreItem: contract({
    name: 'restoreItem',
    summary: 'Show a hidden item again (moderators and process managers)',
    input: Type.Object({ type: ItemType, id: ItemId }),
    output: Done,
  }),
  blockAuthor: contract({
    name: 'blockAuthor',
    summary: "Block an item's author from posting, commenting, supporting and voting for 1-365 days (not staff accounts)",
    input: Type.Object({ type: ItemType, id: ItemId, days: Type.Integer({ description: '1-365' }), reason: Reason }),
    output: Type.Object({ until: Type.String({ format: 'date-time' }) }),
  }),
  bulkModerate: contract({
    name: 'bulkModerate',
    summary: 'Approve or hide many items at once; each is checked and audited alone, and the answer says which succeeded',
    input: Type.Object({
      action: oneOf(['approve', 'hide'] as const),
      items: Type.Array(Type.Object({ type: ItemType, id: ItemId }), { maxItems: 200 }),
      reason: Type.Optional(Reason),
    }),
    output: Type.Object({
      outcomes: Type.Array(
        Type.Object({
          type: ItemType,
          id: Type.String(),
          ok: Type.Boolean(),
          code: Type.Optional(Type.String()),
          message: Type.Optional(Type.String({ description: 'Why it failed, in the reader’s language' })),
        }),
      ),
    }),
  }),
  // The routes before the moderation module (kept so nothing documented breaks): flag with a free text,
  // pre-screen an idea, one process's queue.
  flagContent: contract({
    name: 'flagContent',
    summary: 'Tell the moderators that an idea or a comment breaks the rules, and why (kept for older clients: a report with reason "other")',
    input: Type.Object({ type: ItemType, id: ItemId, reason: Type.String({ minLength: 3, maxLength: 1000 }) }),
    output: Done,
  }),
  screenIdea: contract({
    name: 'screenIdea',
    summary: 'Publish an idea waiting for pre-screening, or refuse it with a reason shown to its author (kept for older clients: approve or hide)',
    input: Type.Object({ id: Type.String({ format: 'uuid' }), decision: oneOf(['published', 'refused'] as const), reason: Type.Optional(Reason) }),
    output: Done,
  }),
  processModerationQueue: contract({
    name: 'processModerationQueue',
    summary: "One process's flagged ideas and comments and ideas waiting for pre-screening (kept for older clients: GET /moderation/queue?processId= has more)",
    input: Type.Object({ id: Type.String({ format: 'uuid' }) }),
    output: Type.Object({
      flags: Type.Array(
        Type.Object({
          targetType: oneOf(['idea', 'comment'] as const),
          targetId: Type.String(),
          reason: Type.String(),
          ideaId: Type.Union([Type.String(), Type.Null()]),
          ideaTitle: Type.Union([Type.String(), Type.Null()]),
          commentBody: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
      pending: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), body: Type.String() })),
    }),
  }),
};
