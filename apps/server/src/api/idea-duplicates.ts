import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideaDuplicateContracts as c } from '@tingsted/platform/ideas';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Near-duplicate ideas (moderators, process managers, administrators): the suggested pairs of a process, merging
 * one idea into another, saying a pair is not a duplicate. The same contracts and service calls as the
 * duplicates page.
 */
export const ideaDuplicateRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Ideas'];

  api.get('/processes/:id/duplicates', { schema: contractSchema(c.duplicateSuggestions, { tags, path: ['id'], method: 'GET' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.ideas.duplicateSuggestions(user, contractInput(c.duplicateSuggestions, req).id);
    if (!result.ok) return failure(req, reply, result);
    const idea = (i: (typeof result.value.pairs)[number]['a']) => ({ ...i, createdAt: i.createdAt.toISOString() });
    return { ...result.value, pairs: result.value.pairs.map((p) => ({ similarity: p.similarity, a: idea(p.a), b: idea(p.b) })) };
  });

  api.post('/ideas/:keepId/merge', { schema: contractSchema(c.mergeIdeas, { tags, path: ['keepId'] }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.ideas.mergeIdeas(user, contractInput(c.mergeIdeas, req));
    if (!result.ok) return failure(req, reply, result);
    return result.value;
  });

  api.post('/ideas/:ideaId/not-duplicate', { schema: contractSchema(c.dismissDuplicate, { tags, path: ['ideaId'] }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.ideas.dismissDuplicate(user, contractInput(c.dismissDuplicate, req));
    if (!result.ok) return failure(req, reply, result);
    return result.value;
  });
};
