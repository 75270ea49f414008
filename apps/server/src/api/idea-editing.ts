import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideaContracts as c } from '@tingsted/platform/ideas';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** Editing one's own idea, and its edit history for staff (tag Ideas). */
export const ideaEditingRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Ideas'];

  api.patch('/ideas/:id', { schema: contractSchema(c.editIdea, { tags, path: ['id'], method: 'PATCH' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.editIdea, request);
    const result = await platform.ideas.editIdea(user, id, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/ideas/:id/edits', { schema: contractSchema(c.ideaEdits, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.ideaEdits(user, contractInput(c.ideaEdits, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { edits: result.value.map((e) => ({ editorName: e.editorName, editedAt: e.editedAt.toISOString(), previousTitle: e.previousTitle, previousBody: e.previousBody, previousCategory: e.previousCategory })) };
  });
};
