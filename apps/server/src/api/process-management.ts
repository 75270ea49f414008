import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { processContracts as c } from '@tingsted/platform/processes';
import { presentProcess } from '@tingsted/platform/processes';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Building and running a process (process managers): the charter and its texts per language, the timeline,
 * publishing and closing. The same contracts and the same service calls as the management page's forms.
 */
export const processManagementRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Processes'];
  const done = { ok: true as const };

  api.get('/processes/:id/manage', { schema: contractSchema(c.manageProcess, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.manageProcess, request);
    const process = await platform.processes.getProcessById(input.id);
    const presented = process ? presentProcess(process, user) : null;
    if (!presented?.can.manage) return failure(request, reply, { ok: false, code: presented ? 'Forbidden' : 'NotFound' });
    return presented;
  });

  api.post('/processes', { schema: contractSchema(c.createProcess, { tags, path: [], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.createProcess, request);
    const result = await platform.processes.createProcess(user, { title: input.title, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.patch('/processes/:id/charter', { schema: contractSchema(c.updateCharter, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, locale, respondBy, ...texts } = contractInput(c.updateCharter, request);
    const result = await platform.processes.updateCharter(user, id, { locale, texts, ...(respondBy !== undefined ? { respondBy } : {}) });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/processes/:id/phases', { schema: contractSchema(c.addPhase, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, categories, ...input } = contractInput(c.addPhase, request);
    const result = await platform.processes.addPhase(user, id, { ...input, locale: input.locale ?? request.ctx.locale, categories: (categories ?? []).join('\n') });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.put('/processes/:id/phases/:phaseId/description', { schema: contractSchema(c.describePhase, { tags, path: ['id', 'phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.describePhase, request);
    const result = await platform.processes.setPhaseDescription(user, input.id, input.phaseId, { locale: input.locale, text: input.description });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/processes/:id/phases/:phaseId', { schema: contractSchema(c.updatePhase, { tags, path: ['id', 'phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, phaseId, categories, ...input } = contractInput(c.updatePhase, request);
    const result = await platform.processes.updatePhase(user, id, phaseId, { ...input, locale: input.locale ?? request.ctx.locale, categories: (categories ?? []).join('\n') });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/processes/:id/phases/:phaseId/move', { schema: contractSchema(c.reorderPhase, { tags, path: ['id', 'phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.reorderPhase, request);
    const result = await platform.processes.reorderPhase(user, input.id, input.phaseId, input.direction);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.delete('/processes/:id/phases/:phaseId', { schema: contractSchema(c.removePhase, { tags, path: ['id', 'phaseId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.removePhase, request);
    const result = await platform.processes.removePhase(user, input.id, input.phaseId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/processes/:id/publish', { schema: contractSchema(c.publishProcess, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.processes.publishProcess(user, contractInput(c.publishProcess, request).id);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/processes/:id/close', { schema: contractSchema(c.closeProcess, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.processes.closeProcess(user, contractInput(c.closeProcess, request).id);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
