import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { conversationContracts as c, presentReport, presentStatement } from '@tingsted/platform/conversations';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Setting up and looking after a conversation: its settings (process managers), seed statements one at a time
 * or in bulk, the moderation queue and decisions (moderators and process managers), the statements with their
 * moderation, and the Pol.is import. The same contracts and service calls as the management page's forms.
 */
export const conversationManagementRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Conversations'];

  api.put('/phases/:phaseId/conversation', { schema: contractSchema(c.setUpConversation, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { phaseId, ...settings } = contractInput(c.setUpConversation, request);
    const result = await platform.conversations.setUpConversation(user, phaseId, settings);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/conversations/:id/statements', { schema: contractSchema(c.listStatements, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.conversations.listStatements(request.ctx.user, contractInput(c.listStatements, request).id);
    if (!result.ok) return failure(request, reply, result);
    return result.value.map(presentStatement);
  });

  api.post('/conversations/:id/seed-statements', { schema: contractSchema(c.addSeedStatement, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addSeedStatement, request);
    const result = await platform.conversations.addSeedStatement(user, input.id, input.body);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/conversations/:id/seed-statements/bulk', { schema: contractSchema(c.addSeedStatements, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addSeedStatements, request);
    const result = await platform.conversations.addSeedStatements(user, input.id, input.bodies);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/conversations/:id/moderation-queue', { schema: contractSchema(c.moderationQueue, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.conversations.moderationQueue(user, contractInput(c.moderationQueue, request).id);
    if (!result.ok) return failure(request, reply, result);
    return result.value.map(presentStatement);
  });

  api.post('/conversations/:id/statements/:number/moderation', { schema: contractSchema(c.moderateStatement, { tags, path: ['id', 'number'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.moderateStatement, request);
    const result = await platform.conversations.moderateStatementNumber(user, input.id, input.number, input.decision);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.get('/conversations/:id/report', { schema: contractSchema(c.report, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const input = contractInput(c.report, request);
    const result = await platform.conversations.conversationReport(request.ctx.user, input.id, input.revision ?? null);
    if (!result.ok) return failure(request, reply, result);
    return presentReport(result.value);
  });

  api.put('/conversations/:id/report/publication', { schema: contractSchema(c.publishReport, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.publishReport, request);
    const result = await platform.conversations.publishReport(user, input.id, input.published);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.get('/conversations/:id/statements/:number/translation', { schema: contractSchema(c.statementTranslation, { tags, path: ['id', 'number'], method: 'GET' }) }, async (request, reply) => {
    const input = contractInput(c.statementTranslation, request);
    const result = await platform.conversations.statementTranslation(request.ctx.user, input.id, input.number, request.ctx.locale, { translate: true, assumed: request.ctx.municipality.defaultLocale });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/admin/conversations', { schema: contractSchema(c.getSettings, { tags: ['Administration'], path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.conversations.conversationSettingsFor(user);
    if (!result.ok) return failure(request, reply, result);
    return { translationUrl: result.value.translationUrl, embedOrigins: [...result.value.embedOrigins] };
  });

  api.put('/admin/conversations', { schema: contractSchema(c.setSettings, { tags: ['Administration'], path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.conversations.setConversationSettings(user, contractInput(c.setSettings, request));
    if (!result.ok) return failure(request, reply, result);
    return { translationUrl: result.value.translationUrl, embedOrigins: [...result.value.embedOrigins] };
  });

  api.post('/conversations/:id/import', { schema: contractSchema(c.importPolis, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...files } = contractInput(c.importPolis, request);
    const result = await platform.conversations.importPolis(user, id, files);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
