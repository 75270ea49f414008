import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { problemOf } from '@tingsted/platform/edge';
import { moderationContracts as c, presentLegacyQueue, presentQueueEntry } from '@tingsted/platform/moderation';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Moderation (tag Moderation): residents' reports on ideas, comments and statements; the moderators' queue and
 * their actions (approve, hide, restore, block the author; in bulk); and the routes from before the moderation
 * module, answered by the same use cases.
 */
export const moderationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Moderation'];
  const done = { ok: true as const };
  const plural = { idea: 'ideas', comment: 'comments', statement: 'statements', proposal: 'proposals', recommendation_comment: 'stakeholders/recommendation-comments' } as const;
  const capital = { idea: 'Idea', comment: 'Comment', statement: 'Statement', proposal: 'Proposal', recommendation_comment: 'RecommendationComment' } as const;
  const named = { idea: 'an idea', comment: 'a comment', statement: 'a statement', proposal: 'a proposal', recommendation_comment: 'a comment on a stakeholder panel’s recommendation' } as const;

  // Reports: the kind of item comes from the address.
  for (const type of ['idea', 'comment', 'statement', 'proposal', 'recommendation_comment'] as const) {
    const schema = contractSchema(c.reportContent, { tags, path: ['type', 'id'] });
    api.post(
      `/${plural[type]}/:id/reports`,
      { schema: { ...schema, operationId: `report${capital[type]}`, summary: `Report ${named[type]} to the moderators, with a reason (once per person)`, params: contractSchema(c.reportContent, { tags, path: ['id'] }).params } },
      async (request, reply) => {
        const user = requireUser(request, reply);
        if (!user) return reply;
        const input = contractInput(c.reportContent, request);
        const result = await platform.moderation.reportContent(user, { ...input, type });
        if (!result.ok) return failure(request, reply, result);
        return done;
      },
    );
  }

  api.get('/moderation/queue', { schema: contractSchema(c.moderationQueue, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.moderationQueue(user, { processId: contractInput(c.moderationQueue, request).processId });
    if (!result.ok) return failure(request, reply, result);
    return { items: result.value.map((e) => presentQueueEntry(e, user)) };
  });

  api.post('/moderation/:type/:id/approve', { schema: contractSchema(c.approveItem, { tags, path: ['type', 'id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.approveItem(user, contractInput(c.approveItem, request));
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/moderation/:type/:id/hide', { schema: contractSchema(c.hideItem, { tags, path: ['type', 'id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.hideItem(user, contractInput(c.hideItem, request));
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/moderation/:type/:id/restore', { schema: contractSchema(c.restoreItem, { tags, path: ['type', 'id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.restoreItem(user, contractInput(c.restoreItem, request));
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/moderation/:type/:id/block', { schema: contractSchema(c.blockAuthor, { tags, path: ['type', 'id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.blockAuthor(user, contractInput(c.blockAuthor, request));
    if (!result.ok) return failure(request, reply, result);
    return { until: result.value.until.toISOString() };
  });

  api.post('/moderation/bulk', { schema: contractSchema(c.bulkModerate, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.bulkModerate(user, contractInput(c.bulkModerate, request));
    if (!result.ok) return failure(request, reply, result);
    return {
      outcomes: result.value.outcomes.map((o) => {
        if (o.ok || !o.failure) return { type: o.type, id: o.id, ok: o.ok };
        const problem = problemOf(request.ctx.locale, o.failure);
        return { type: o.type, id: o.id, ok: false, code: problem.code, message: problem.fields[0]?.message ?? problem.message };
      }),
    };
  });

  // Before the moderation module: one process's queue, hiding and flagging by kind, pre-screening.
  api.get('/processes/:id/moderation', { schema: contractSchema(c.processModerationQueue, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.moderation.moderationQueue(user, { processId: contractInput(c.processModerationQueue, request).id });
    if (!result.ok) return failure(request, reply, result);
    return presentLegacyQueue(result.value);
  });

  for (const type of ['idea', 'comment'] as const) {
    const hide = contractSchema(c.hideItem, { tags, path: ['type', 'id'] });
    api.post(
      `/${plural[type]}/:id/hide`,
      { schema: { ...hide, operationId: `hide${capital[type]}`, summary: `Hide ${type === 'idea' ? 'an idea' : 'a comment'} (as POST /moderation/${type}/{id}/hide)`, params: contractSchema(c.hideItem, { tags, path: ['id'] }).params } },
      async (request, reply) => {
        const user = requireUser(request, reply);
        if (!user) return reply;
        const result = await platform.moderation.hideItem(user, { ...contractInput(c.hideItem, request), type });
        if (!result.ok) return failure(request, reply, result);
        return done;
      },
    );
    const flag = contractSchema(c.flagContent, { tags, path: ['type', 'id'] });
    api.post(
      `/${plural[type]}/:id/flag`,
      { schema: { ...flag, operationId: `flag${capital[type]}`, summary: `Flag ${type === 'idea' ? 'an idea' : 'a comment'} with a free text (as a report with reason "other")`, params: contractSchema(c.flagContent, { tags, path: ['id'] }).params } },
      async (request, reply) => {
        const user = requireUser(request, reply);
        if (!user) return reply;
        const input = contractInput(c.flagContent, request);
        const result = await platform.moderation.reportContent(user, { type, id: input.id, reason: 'other', text: input.reason });
        if (!result.ok) return failure(request, reply, result);
        return done;
      },
    );
  }

  api.post('/ideas/:id/screening', { schema: contractSchema(c.screenIdea, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.screenIdea, request);
    const result =
      input.decision === 'published'
        ? await platform.moderation.approveItem(user, { type: 'idea', id: input.id })
        : await platform.moderation.hideItem(user, { type: 'idea', id: input.id, reason: input.reason ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
