import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { panelContracts as c } from '@tingsted/platform/panels';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * A panel's members and decisions, for its administrators: who administers it, its quorum, registration
 * sessions at events and registrations entered by staff for someone on the phone or at the desk. The same
 * contracts and service calls as the staff pages /manage/<process>/panel/members and …/panel/assisted.
 */
export const panelMembersRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];
  const done = { ok: true as const };
  const p = platform.panels;

  api.get('/panels/:id/administrators', { schema: contractSchema(c.panelAdministrators, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.listAdministrators(user, contractInput(c.panelAdministrators, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, named: result.value.named.map((a) => ({ ...a, addedAt: a.addedAt.toISOString() })) };
  });

  api.post('/panels/:id/administrators', { schema: contractSchema(c.addPanelAdministrator, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addPanelAdministrator, request);
    const result = await p.addAdministrator(user, input.id, input.email);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.delete('/panels/:id/administrators/:userId', { schema: contractSchema(c.removePanelAdministrator, { tags, path: ['id', 'userId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.removePanelAdministrator, request);
    const result = await p.removeAdministrator(user, input.id, input.userId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/panels/:id/quorum', { schema: contractSchema(c.setPanelQuorum, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.setPanelQuorum, request);
    const result = await p.setQuorum(user, input.id, input.quorum ?? '');
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/panels/:id/registration-session', { schema: contractSchema(c.setPanelRegistrationSession, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.setPanelRegistrationSession, request);
    const result = await p.setRegistrationSession(user, input.id, input.hours);
    if (!result.ok) return failure(request, reply, result);
    return { until: result.value.until?.toISOString() ?? null };
  });

  api.post('/panels/:id/assisted-registrations', { schema: contractSchema(c.registerPanelRespondentAssisted, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.registerPanelRespondentAssisted, request);
    const result = await p.registerAssisted(user, id, { ...input, email: input.email ?? '', phone: input.phone ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });
};
