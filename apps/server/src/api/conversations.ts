import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Platform } from '@tingsted/platform';
import type { Voter } from '@tingsted/platform/conversations';
import { voterCookie, voterCookieName } from '@tingsted/platform/edge';
import { errorResponses, failure } from './shared.ts';

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });

const StatementSchema = Type.Object({ number: Type.Integer(), body: Type.String(), isSeed: Type.Boolean() });

/**
 * Conversations: the next statement, votes, own statements, stored results, the live results stream
 * (server-sent events) and the Pol.is openData export.
 */
export const conversationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform; production: boolean }> = async (api, { platform, production }) => {
  const tags = ['Conversations'];

  /** The voter; an anonymous visitor gets a cookie token on their first write (edge/voter.ts decides). */
  function voter(request: FastifyRequest, reply: FastifyReply, create: boolean): Voter {
    const { token, set } = voterCookie({ production, signedIn: request.ctx.user !== null, existing: request.cookies[voterCookieName(production)], create });
    if (set) reply.setCookie(set.name, set.value, set.options);
    return { actor: request.ctx.user, visitorToken: token };
  }

  api.get(
    '/conversations/:id/next',
    { schema: { tags, summary: 'The next statement to vote on, in routing-priority order', params: Params, response: { 200: Type.Object({ statement: Type.Union([StatementSchema, Type.Null()]), voted: Type.Integer(), total: Type.Integer() }), ...errorResponses } } },
    async (request, reply) => {
      const result = await platform.conversations.nextStatementFor(voter(request, reply, false), request.params.id);
      if (!result.ok) return failure(request, reply, result);
      const s = result.value.statement;
      return { statement: s ? { number: s.number, body: s.body, isSeed: s.isSeed } : null, voted: result.value.voted, total: result.value.total };
    },
  );

  api.post(
    '/conversations/:id/votes',
    {
      schema: {
        tags,
        summary: 'Vote agree, disagree or pass on a statement (a new vote replaces an earlier one)',
        params: Params,
        body: Type.Object({ statement: Type.Integer({ minimum: 0 }), vote: Type.Union([Type.Literal('agree'), Type.Literal('disagree'), Type.Literal('pass')]) }),
        response: { 201: Type.Object({ ok: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.conversations.castVote(voter(request, reply, true), request.params.id, request.body);
      if (!result.ok) return failure(request, reply, result);
      return reply.code(201).send({ ok: true });
    },
  );

  api.post(
    '/conversations/:id/statements',
    {
      schema: {
        tags,
        summary: 'Add your own statement (it may wait for a moderator)',
        params: Params,
        body: Type.Object({ body: Type.String({ maxLength: 1000 }) }),
        response: { 201: Type.Object({ number: Type.Integer(), awaitingModeration: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await platform.conversations.submitStatement(voter(request, reply, true), request.params.id, request.body.body);
      if (!result.ok) return failure(request, reply, result);
      return reply.code(201).send(result.value);
    },
  );

  api.get(
    '/conversations/:id/results',
    { schema: { tags, summary: 'The stored results: opinion map geometry, groups, repness, consensus, bridging', params: Params, response: { 200: Type.Object({ view: Type.Unknown(), computedAt: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses } } },
    async (request, reply) => {
      const result = await platform.conversations.results(request.ctx.user, request.params.id);
      if (!result.ok) return failure(request, reply, result);
      return { view: result.value.view, computedAt: result.value.computedAt?.toISOString() ?? null };
    },
  );

  api.get(
    '/conversations/:id/events',
    { schema: { tags, summary: 'Server-sent events: `results` with {revision, votesSeen} whenever new results are stored', params: Params } },
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

  api.get(
    '/conversations/:id/export/:file',
    {
      schema: {
        tags,
        summary: 'Export in Pol.is openData format',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), file: Type.Union([Type.Literal('comments.csv'), Type.Literal('votes.csv'), Type.Literal('participants-votes.csv'), Type.Literal('summary.csv')]) }),
      },
    },
    async (request, reply) => {
      const result = await platform.conversations.exportPolis(request.ctx.user, request.params.id);
      if (!result.ok) return failure(request, reply, result);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.file}"`)
        .send(result.value[request.params.file]);
    },
  );
};
