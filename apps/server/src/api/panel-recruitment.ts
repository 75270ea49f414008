import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { panelContracts as c } from '@tingsted/platform/panels';
import { contractInput, contractSchema } from './contract-route.ts';
import { clientKey, failure, requireUser } from './shared.ts';

/**
 * Recruitment beyond the first letters: invitation rounds (the plan and proposal, the stratified draw with
 * its reserve, releasing the reserve, a round's letters, the letters to those not selected after the draw), the short invitation code (the letter's /p/ABCD-1234), and the
 * selection probabilities, per person as CSV for the panel's administrators and as an anonymised
 * distribution for everyone once the draw is announced. The same contracts and service calls as the pages
 * /p/<code>, /manage/<process>/panel/probabilities.csv and the panel's public page.
 */
export const panelRecruitmentRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];
  const p = platform.panels;

  api.get('/panels/:id/rounds', { schema: contractSchema(c.panelRoundPlan, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.panelRoundPlan, request);
    const result = await p.roundPlan(user, input.id, { letters: input.letters, reserve: input.reserve });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/panels/:id/rounds', { schema: contractSchema(c.drawPanelInvitationRound, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.drawPanelInvitationRound, request);
    const result = await p.drawInvitationRound(user, id, input);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/panels/:id/rounds/:round/reserve', { schema: contractSchema(c.releasePanelReserve, { tags, path: ['id', 'round'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.releasePanelReserve, request);
    const result = await p.releaseRoundReserve(user, input.id, { round: input.round, count: input.count });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/panels/:id/rounds/:round/letters.pdf', { schema: contractSchema(c.panelRoundLetters, { tags, path: ['id', 'round'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.panelRoundLetters, request);
    const result = await p.roundLetters(user, input.id, input.round, input.lang ?? request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', `attachment; filename="invitations-round-${input.round}.pdf"`).header('cache-control', 'no-store').type('application/pdf').send(Buffer.from(result.value.pdf) as never);
  });

  api.get('/panels/:id/not-selected-letters.pdf', { schema: contractSchema(c.panelNotSelectedLetters, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.panelNotSelectedLetters, request);
    const result = await p.notSelectedLetters(user, input.id, input.lang ?? request.ctx.locale);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', 'attachment; filename="not-selected.pdf"').header('cache-control', 'no-store').type('application/pdf').send(Buffer.from(result.value.pdf) as never);
  });

  api.get('/panel-invitations/:code', { schema: contractSchema(c.findPanelInvitation, { tags, path: ['code'], method: 'GET' }) }, async (request, reply) => {
    const result = await p.findInvitationByCode(contractInput(c.findPanelInvitation, request).code, clientKey(request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/panels/:id/probabilities.csv', { schema: contractSchema(c.panelProbabilitiesCsv, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.selectionProbabilitiesCsv(user, contractInput(c.panelProbabilitiesCsv, request).id);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-disposition', 'attachment; filename="probabilities.csv"').header('cache-control', 'no-store').type('text/csv; charset=utf-8').send(result.value);
  });

  api.get('/panels/:id/probabilities', { schema: contractSchema(c.panelProbabilityDistribution, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await p.probabilityDistribution(contractInput(c.panelProbabilityDistribution, request).id);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
