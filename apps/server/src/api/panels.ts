import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentLotteryRecord, presentPublicPanel } from '@tingsted/platform/panels';
import { contractInput, contractSchema } from './contract-route.ts';
import { clientKey, failure, requireUser } from './shared.ts';
import { panelManagementRoutes } from './panel-management.ts';
import { panelWorkspaceRoutes } from './panel-workspace.ts';
import { panelMembersRoutes } from './panel-members.ts';
import { panelRecruitmentRoutes } from './panel-recruitment.ts';

/**
 * Citizens' panels, the public side: the public record (method, composition, recommendations, answers), the
 * record of the announced draw, following, registering with a code, confirming a seat and the decision-maker's answers. The
 * staff's routes are in panel-management.ts and the members' workspace in panel-workspace.ts; every route
 * uses the contract and the service call of the page's form that does the same thing.
 */
export const panelRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];
  const done = { ok: true as const };

  api.get('/panels/:id', { schema: contractSchema(c.publicPanel, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.panels.publicPanel(request.ctx.user, contractInput(c.publicPanel, request).id);
    if (!result.ok) return failure(request, reply, result);
    return presentPublicPanel(result.value, request.ctx.user);
  });

  // The public record of the announced draw, public from the announcement on.
  api.get('/panels/:id/lottery', { schema: contractSchema(c.panelLottery, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.panels.lotteryRecord(contractInput(c.panelLottery, request).id);
    if (!result.ok) return failure(request, reply, result);
    return presentLotteryRecord(result.value);
  });

  api.put('/panels/:id/follow', { schema: contractSchema(c.followPanel, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.followPanel, request);
    const result = await platform.panels.follow(user, input.id, input.on);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.get('/panels/:id/registration', { schema: contractSchema(c.panelRegistrationForm, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.panels.registrationForm(contractInput(c.panelRegistrationForm, request).id);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/panels/:id/registration/code', { schema: contractSchema(c.checkPanelCode, { tags, path: ['id'] }) }, async (request, reply) => {
    const input = contractInput(c.checkPanelCode, request);
    const result = await platform.panels.checkCode(input.id, input.code);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/panels/:id/respondents', { schema: contractSchema(c.registerPanelRespondent, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const { id, ...input } = contractInput(c.registerPanelRespondent, request);
    const result = await platform.panels.registerRespondent(id, { ...input, phone: input.phone ?? '' }, clientKey(request), request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/panels/:id/seat', { schema: contractSchema(c.confirmPanelSeat, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.confirmPanelSeat, request);
    const result = await platform.panels.confirmSeat(user, input.id, input.token);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/panel-recommendations/:recommendationId/answer', { schema: contractSchema(c.answerPanelRecommendation, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { recommendationId, ...input } = contractInput(c.answerPanelRecommendation, request);
    const result = await platform.panels.answerRecommendation(user, recommendationId, { ...input, progressPercent: input.progressPercent, progressNote: input.progressNote ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  await api.register(panelManagementRoutes, { platform });
  await api.register(panelWorkspaceRoutes, { platform });
  await api.register(panelMembersRoutes, { platform });
  await api.register(panelRecruitmentRoutes, { platform });
};
