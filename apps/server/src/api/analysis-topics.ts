import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { analysisTopicContracts as c } from '@tingsted/platform/analysis';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * A process's topics (process managers and decision-makers): reading them with staff's choices applied, and
 * renaming, pinning, merging and splitting them. The same contracts and service calls as the analysis page.
 */
export const analysisTopicRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Analysis'];

  api.get('/processes/:id/analysis/topics', { schema: contractSchema(c.topicsOf, { tags, path: ['id'], method: 'GET' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.topicsOf(user, contractInput(c.topicsOf, req).id);
    if (!result.ok) return failure(req, reply, result);
    const { runId, topics, refs } = result.value;
    return {
      runId,
      topics: topics.map((t) => ({
        id: t.id,
        label: t.label,
        name: t.name,
        phrases: [...t.phrases],
        size: t.size,
        examples: t.examples.flatMap((key) => (refs[key] ? [{ ...refs[key] }] : [])),
        trend: [...t.trend],
        pinned: t.pinned,
        kept: t.kept,
      })),
    };
  });

  api.put('/processes/:id/analysis/topics/:topic/name', { schema: contractSchema(c.renameTopic, { tags, path: ['id', 'topic'], method: 'PUT' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.renameTopic(user, contractInput(c.renameTopic, req));
    return result.ok ? result.value : failure(req, reply, result);
  });

  api.put('/processes/:id/analysis/topics/:topic/pin', { schema: contractSchema(c.pinTopic, { tags, path: ['id', 'topic'], method: 'PUT' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.pinTopic(user, contractInput(c.pinTopic, req));
    return result.ok ? result.value : failure(req, reply, result);
  });

  api.post('/processes/:id/analysis/topics/:topic/merge', { schema: contractSchema(c.mergeTopics, { tags, path: ['id', 'topic'] }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.mergeTopics(user, contractInput(c.mergeTopics, req));
    return result.ok ? result.value : failure(req, reply, result);
  });

  api.post('/processes/:id/analysis/topics/:topic/split', { schema: contractSchema(c.splitTopic, { tags, path: ['id', 'topic'] }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.splitTopic(user, contractInput(c.splitTopic, req));
    return result.ok ? result.value : failure(req, reply, result);
  });
};
