import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { updateContracts as c } from '@tingsted/platform/updates';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Updates to a process's participants and followers (process managers and administrators): the list, who an
 * update would reach, writing and sending or scheduling one, cancelling; and the unsubscribe link of an update's
 * e-mail, which needs no sign-in. The same contracts and service calls as the updates and unsubscribe pages.
 */
export const updateRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Updates'];
  const u = platform.updates;

  api.get('/processes/:id/updates', { schema: contractSchema(c.listUpdates, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await u.listUpdates(user, contractInput(c.listUpdates, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/processes/:id/updates/audience', { schema: contractSchema(c.previewAudience, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await u.previewAudience(user, contractInput(c.previewAudience, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/processes/:id/updates', { schema: contractSchema(c.createUpdate, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await u.createUpdate(user, contractInput(c.createUpdate, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/processes/:id/updates/:updateId/cancel', { schema: contractSchema(c.cancelUpdate, { tags, path: ['id', 'updateId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await u.cancelUpdate(user, contractInput(c.cancelUpdate, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/unsubscribe/:token', { schema: contractSchema(c.unsubscribeInfo, { tags, path: ['token'], method: 'GET' }) }, async (request, reply) => {
    const result = await u.unsubscribeInfo(contractInput(c.unsubscribeInfo, request), request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    // The token is a personal link: not for caches.
    return reply.header('cache-control', 'private, no-store').send(result.value);
  });

  api.post('/unsubscribe/:token', { schema: contractSchema(c.unsubscribe, { tags, path: ['token'] }) }, async (request, reply) => {
    const result = await u.unsubscribe(contractInput(c.unsubscribe, request), request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
