import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideaContracts as c } from '@tingsted/platform/ideas';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** The statuses an idea can have, and the administrators' own (the same contracts as the admin page's forms). */
export const statusRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Ideas'];
  const done = { ok: true as const };

  api.get('/statuses', { schema: contractSchema(c.listStatuses, { tags, path: [], method: 'GET' }) }, async () => ({ statuses: await platform.feedback.statuses() }));

  api.post('/admin/statuses', { schema: contractSchema(c.addStatus, { tags, path: [], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.feedback.addStatus(user, contractInput(c.addStatus, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.put('/admin/statuses/:key', { schema: contractSchema(c.updateStatus, { tags, path: ['key'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { key, ...input } = contractInput(c.updateStatus, request);
    const result = await platform.feedback.updateStatus(user, key, input);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.delete('/admin/statuses/:key', { schema: contractSchema(c.removeStatus, { tags, path: ['key'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.feedback.removeStatus(user, contractInput(c.removeStatus, request).key);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
