import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Running a stakeholder panel: its settings, invitations and joining, introductions, the timeline, meetings and
 * recommendations with their decisions. The same contracts and service calls as the panel's pages.
 */
export const stakeholderPanelRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Stakeholders'];
  const done = { ok: true as const };
  const s = platform.stakeholders;

  api.get('/stakeholders/panels/:panelId', { schema: contractSchema(c.panel, { tags, path: ['panelId'], method: 'GET' }) }, async (request, reply) => {
    const result = await s.viewPanel(request.ctx.user, contractInput(c.panel, request).panelId);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/stakeholders/phases/:phaseId/panel', { schema: contractSchema(c.setUpPanel, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.setUpPanel, request);
    const result = await s.setUpPanel(user, input.phaseId, { inviteLimit: input.inviteLimit });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/stakeholders/panels/:panelId/invitations', { schema: contractSchema(c.invite, { tags, path: ['panelId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.invite, request);
    const result = await s.invite(user, panelId, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/stakeholders/panels/:panelId/invitations', { schema: contractSchema(c.invitationChain, { tags, path: ['panelId'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await s.invitationChain(user, contractInput(c.invitationChain, request).panelId);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/stakeholders/invitation', { schema: contractSchema(c.invitation, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const found = await s.invitation(contractInput(c.invitation, request).token);
    if (!found) return failure(request, reply, { ok: false, code: 'NotFound' });
    return found;
  });

  api.post('/stakeholders/invitation/accept', { schema: contractSchema(c.acceptInvitation, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { token, ...input } = contractInput(c.acceptInvitation, request);
    const result = await s.acceptInvitation(user, token, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/stakeholders/panels/:panelId/introduction', { schema: contractSchema(c.updateIntroduction, { tags, path: ['panelId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.updateIntroduction, request);
    const result = await s.updateIntroduction(user, panelId, input);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/stakeholders/panels/:panelId/timeline', { schema: contractSchema(c.addStep, { tags, path: ['panelId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.addStep, request);
    const result = await s.addStep(user, panelId, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/stakeholders/panels/:panelId/meetings', { schema: contractSchema(c.scheduleMeeting, { tags, path: ['panelId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.scheduleMeeting, request);
    const result = await s.scheduleMeeting(user, panelId, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/stakeholders/panels/:panelId/recommendations', { schema: contractSchema(c.draftRecommendation, { tags, path: ['panelId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, ...input } = contractInput(c.draftRecommendation, request);
    const result = await s.draftRecommendation(user, panelId, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/stakeholders/recommendations/:recommendationId/decision', { schema: contractSchema(c.decideRecommendation, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { recommendationId, ...input } = contractInput(c.decideRecommendation, request);
    const result = await s.decideRecommendation(user, recommendationId, input);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
