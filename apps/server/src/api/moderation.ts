import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideaContracts as c } from '@tingsted/platform/ideas';
import { presentModerationQueue } from '@tingsted/platform/ideas';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** Moderation of ideas and comments: the queue, hiding, and pre-screening (moderators and process managers). */
export const moderationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Moderation'];
  const done = { ok: true as const };

  api.get('/processes/:id/moderation', { schema: contractSchema(c.moderationQueue, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.moderationQueue(user, contractInput(c.moderationQueue, request).id);
    if (!result.ok) return failure(request, reply, result);
    return presentModerationQueue(result.value);
  });

  for (const target of ['idea', 'comment'] as const) {
    api.post(
      `/${target}s/:id/hide`,
      { schema: { ...contractSchema(c.hideContent, { tags, path: ['target', 'id'] }), operationId: target === 'idea' ? 'hideIdea' : 'hideComment', params: contractSchema(c.hideContent, { tags, path: ['id'] }).params } },
      async (request, reply) => {
        const user = requireUser(request, reply);
        if (!user) return reply;
        const input = contractInput(c.hideContent, request);
        const result = await platform.ideas.hide(user, { target, id: input.id, reason: input.reason });
        if (!result.ok) return failure(request, reply, result);
        return done;
      },
    );
  }

  api.post('/ideas/:id/screening', { schema: contractSchema(c.screenIdea, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.screenIdea, request);
    const result = await platform.ideas.screenIdea(user, input.id, input.decision);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
