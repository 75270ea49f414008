import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentWorkspace } from '@tingsted/platform/panels';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * The members' workspace of a citizens' panel (members and facilitators): materials and notes,
 * recommendations, amendments, votes, the public name and publishing the report. The same contracts and
 * service calls as the workspace page's forms.
 */
export const panelWorkspaceRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Panels'];
  const done = { ok: true as const };
  const p = platform.panels;

  api.get('/panels/:id/workspace', { schema: contractSchema(c.panelWorkspace, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.workspace(user, contractInput(c.panelWorkspace, request).id);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('cache-control', 'private, no-store').send(presentWorkspace(result.value, user));
  });

  api.post('/panels/:id/items', { schema: contractSchema(c.addPanelItem, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, itemTitle, ...input } = contractInput(c.addPanelItem, request);
    const result = await p.addItem(user, id, { kind: input.kind, title: itemTitle, body: input.body ?? '', link: input.link ?? '', source: input.source ?? '', smallGroup: input.smallGroup ?? '', sessionId: input.sessionId ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/panels/:id/recommendations', { schema: contractSchema(c.draftPanelRecommendation, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.draftPanelRecommendation, request);
    const result = await p.draftRecommendation(user, input.id, { title: input.recTitle, body: input.recBody });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/panel-recommendations/:recommendationId/amendments', { schema: contractSchema(c.proposePanelAmendment, { tags, path: ['recommendationId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.proposePanelAmendment, request);
    const result = await p.proposeAmendment(user, input.recommendationId, { body: input.amendBody, rationale: input.rationale ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.put('/panel-amendments/:amendmentId/decision', { schema: contractSchema(c.decidePanelAmendment, { tags, path: ['amendmentId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.decidePanelAmendment, request);
    const result = await p.decideAmendment(user, input.amendmentId, input.decision);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/panel-recommendations/:recommendationId/voting', { schema: contractSchema(c.openPanelVoting, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.openVoting(user, contractInput(c.openPanelVoting, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/panel-recommendations/:recommendationId/votes', { schema: contractSchema(c.castPanelVote, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.castPanelVote, request);
    const result = await p.castVote(user, input.recommendationId, input.choice);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.post('/panel-recommendations/:recommendationId/voting/close', { schema: contractSchema(c.closePanelVoting, { tags, path: ['recommendationId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.closeVoting(user, contractInput(c.closePanelVoting, request).recommendationId);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/panels/:id/report', { schema: contractSchema(c.publishPanelReport, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.publishReport(user, contractInput(c.publishPanelReport, request).id);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });

  api.put('/panels/:id/public-name', { schema: contractSchema(c.setPanelPublicName, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.setPanelPublicName, request);
    const result = await p.setPublicName(user, input.id, input.publicName);
    if (!result.ok) return failure(request, reply, result);
    return done;
  });
};
