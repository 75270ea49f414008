import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '@tingsted/platform';
import { conversationContracts as c, presentConversation, type Voter } from '@tingsted/platform/conversations';
import { voterCookie, voterCookieName } from '@tingsted/platform/edge';
import { contractInput, contractSchema } from './contract-route.ts';
import { conversationManagementRoutes } from './conversation-management.ts';
import { failure } from './shared.ts';

/**
 * Conversations: the conversation, the next statement, votes, own statements, stored results, where one
 * stands, the live results stream (server-sent events) and the Pol.is openData export; the managers' and
 * moderators' routes are in conversation-management.ts. The same contracts as the pages' forms.
 */
export const conversationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; production: boolean }> = async (api, { platform, production }) => {
  const tags = ['Conversations'];

  /** The voter; an anonymous visitor gets a cookie token on their first write (edge/voter.ts decides). */
  function voter(request: FastifyRequest, reply: FastifyReply, create: boolean): Voter {
    const { token, set } = voterCookie({ production, signedIn: request.ctx.user !== null, existing: request.cookies[voterCookieName(production)], create });
    if (set) reply.setCookie(set.name, set.value, set.options);
    return { actor: request.ctx.user, visitorToken: token };
  }

  await api.register(conversationManagementRoutes, { platform });

  api.get('/conversations/:id', { schema: contractSchema(c.getConversation, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.conversations.getConversation(request.ctx.user, contractInput(c.getConversation, request).id);
    if (!result.ok) return failure(request, reply, result);
    return presentConversation(result.value, request.ctx.user);
  });

  api.get('/phases/:phaseId/conversation', { schema: contractSchema(c.conversationOfPhase, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const conversation = await platform.conversations.conversationForPhase(request.ctx.user, contractInput(c.conversationOfPhase, request).phaseId);
    if (!conversation) return failure(request, reply, { ok: false, code: 'NotFound' });
    return presentConversation(conversation, request.ctx.user);
  });

  api.get('/conversations/:id/next', { schema: contractSchema(c.nextStatement, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.conversations.nextStatementFor(voter(request, reply, false), contractInput(c.nextStatement, request).id);
    if (!result.ok) return failure(request, reply, result);
    const s = result.value.statement;
    return { statement: s ? { number: s.number, body: s.body, isSeed: s.isSeed } : null, voted: result.value.voted, total: result.value.total };
  });

  api.post('/conversations/:id/votes', { schema: contractSchema(c.castVote, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const { id, ...vote } = contractInput(c.castVote, request);
    const result = await platform.conversations.castVote(voter(request, reply, true), id, vote);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send({ ok: true });
  });

  api.post('/conversations/:id/statements', { schema: contractSchema(c.submitStatement, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const input = contractInput(c.submitStatement, request);
    const result = await platform.conversations.submitStatement(voter(request, reply, true), input.id, input.body);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/conversations/:id/results', { schema: contractSchema(c.results, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.conversations.results(request.ctx.user, contractInput(c.results, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { view: result.value.view, computedAt: result.value.computedAt?.toISOString() ?? null };
  });

  api.get('/conversations/:id/stand', { schema: contractSchema(c.whereDoIStand, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.conversations.whereDoIStand(voter(request, reply, false), contractInput(c.whereDoIStand, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { stand: result.value };
  });

  api.get(
    '/conversations/:id/events',
    { schema: { tags, summary: 'Server-sent events: `results` with {revision, votesSeen} whenever new results are stored', params: c.getConversation.input } },
    async (request, reply) => {
      const found = await platform.conversations.getConversation(request.ctx.user, request.params.id);
      if (!found.ok) return failure(request, reply, found);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const stored = await platform.conversations.results(request.ctx.user, request.params.id);
      const revision = stored.ok ? (stored.value.view?.revision ?? 0) : 0;
      res.write(`retry: 3000\nevent: results\ndata: ${JSON.stringify({ revision })}\n\n`);
      const stop = await platform.conversationResults.subscribe(request.params.id, (event) => {
        res.write(`event: results\ndata: ${JSON.stringify({ revision: event.revision, votesSeen: event.votesSeen })}\n\n`);
      });
      // A comment now and then keeps proxies from closing an idle stream.
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
    },
  );

  api.get('/conversations/:id/export/:file', { schema: contractSchema(c.exportPolis, { tags, path: ['id', 'file'], method: 'GET' }) }, async (request, reply) => {
    const input = contractInput(c.exportPolis, request);
    const result = await platform.conversations.exportPolis(request.ctx.user, input.id);
    if (!result.ok) return failure(request, reply, result);
    // A text/csv body is sent as it is: the JSON serializer is only used for JSON answers.
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${input.file}"`).send(result.value[input.file]);
  });
};
