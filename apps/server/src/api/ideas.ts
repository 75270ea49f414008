import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideasPolicy } from '@tingsted/platform/ideas';
import { ideaContracts, IdeaLocationSchema } from '@tingsted/platform/ideas';
import { contractInput, contractSchema } from './contract-route.ts';
import { spreadsheetCsv } from '@tingsted/platform/shared';
import { errorResponses, failure, requireUser } from './shared.ts';

const Localized = Type.Record(Type.String(), Type.String());

const PhaseSchema = Type.Object({
  id: Type.String(),
  method: Type.String(),
  title: Localized,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  state: Type.Union([Type.Literal('upcoming'), Type.Literal('open'), Type.Literal('closed')]),
});

const ProcessDetailSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  status: Type.String(),
  title: Localized,
  summary: Localized,
  startsOn: Type.Union([Type.String(), Type.Null()]),
  endsOn: Type.Union([Type.String(), Type.Null()]),
  respondBy: Type.Union([Type.String(), Type.Null()]),
  charter: Type.Record(Type.String(), Localized, { description: 'question, why_involved, scope_can_change, scope_cannot_change, decision_maker, response_commitment, target_groups, outreach, method_rationale, funding' }),
  phases: Type.Array(PhaseSchema),
  currentPhaseId: Type.Union([Type.String(), Type.Null()]),
});

const IdeaSchema = Type.Object({
  id: Type.String(),
  processId: Type.String(),
  phaseId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  authorName: Type.Union([Type.String(), Type.Null()]),
  supportCount: Type.Integer(),
  commentCount: Type.Integer(),
  progressPercent: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  supportedByViewer: Type.Boolean(),
  awaitingScreening: Type.Boolean(),
  mergedInto: Type.Union([Type.String(), Type.Null()], { description: 'The idea a moderator merged this one into, or null' }),
  location: IdeaLocationSchema,
});

const CommentSchema = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.Union([Type.String(), Type.Null()], { description: 'null when a moderator hid it' }),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Processes in detail, ideas, comments, supports, answers, milestones, results and exports. */
export const ideaRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Ideas'];

  api.get(
    '/processes/:slug/detail',
    { schema: { tags: ['Processes'], summary: 'A process with its charter and timeline', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: ProcessDetailSchema, ...errorResponses } } },
    async (request, reply) => {
      const result = await platform.processes.getProcess(request.ctx.user, request.params.slug);
      if (!result.ok) return failure(request, reply, result);
      return result.value;
    },
  );

  api.get(
    '/processes/:slug/ideas',
    {
      schema: {
        tags,
        summary: "A page of a process's ideas",
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({
          sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('supported'), Type.Literal('random')])),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          seed: Type.Optional(Type.Integer()),
          category: Type.Optional(Type.String({ maxLength: 60, description: "Only ideas in this category (one of the phase's categories)" })),
        }),
        response: { 200: Type.Object({ ideas: Type.Array(IdeaSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const process = await platform.processes.getProcess(request.ctx.user, request.params.slug);
      if (!process.ok) return failure(request, reply, process);
      const list = await platform.ideas.listIdeas(request.ctx.user, { processId: process.value.id, ...request.query });
      return { ideas: list.ideas.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })), total: list.total, page: list.page, pageSize: list.pageSize };
    },
  );

  api.post('/phases/:phaseId/ideas', { schema: contractSchema(ideaContracts.postIdea, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.postIdea(user, contractInput(ideaContracts.postIdea, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get(
    '/ideas/:id',
    {
      schema: {
        tags,
        summary: 'One idea with its comments, official answers and milestones',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({
            idea: IdeaSchema,
            comments: Type.Array(Type.Object({ ...CommentSchema.properties, replies: Type.Array(CommentSchema) })),
            answers: Type.Array(Type.Object({ status: Type.String(), body: Type.Union([Type.String(), Type.Null()]), authorName: Type.String(), authorRole: Type.String(), createdAt: Type.String() })),
            milestones: Type.Array(Type.Object({ title: Type.String(), date: Type.String(), progress: Type.Integer() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await platform.ideas.getIdea(request.ctx.user, request.params.id);
      if (!result.ok) return failure(request, reply, result);
      const history = await platform.feedback.historyOf(request.params.id);
      const comment = (c: (typeof result.value.comments)[number]) => ({ ...c, createdAt: c.createdAt.toISOString() });
      return {
        idea: { ...result.value.idea, createdAt: result.value.idea.createdAt.toISOString() },
        comments: result.value.comments.map((c) => ({ ...comment(c), replies: c.replies.map(comment) })),
        answers: history.answers.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
        milestones: history.milestones,
      };
    },
  );

  api.post('/ideas/:id/support', { schema: contractSchema(ideaContracts.supportIdea, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.supportIdea(user, contractInput(ideaContracts.supportIdea, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.delete('/ideas/:id/support', { schema: contractSchema(ideaContracts.withdrawSupport, { tags, path: ['id'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.withdrawSupport(user, contractInput(ideaContracts.withdrawSupport, request).id);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.put('/ideas/:id/follow', { schema: contractSchema(ideaContracts.followIdea, { tags, path: ['id'], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(ideaContracts.followIdea, request);
    const result = await platform.ideas.followIdea(user, input.id, input.follow);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/ideas/:id/comments', { schema: contractSchema(ideaContracts.postComment, { tags, path: ['id'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(ideaContracts.postComment, request);
    const result = await platform.ideas.postComment(user, { ideaId: id, ...input });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.post('/ideas/:id/answers', { schema: contractSchema(ideaContracts.answerIdea, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(ideaContracts.answerIdea, request);
    const result = await platform.feedback.answerIdea(user, input.id, { status: input.status, body: input.body ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/ideas/:id/milestones', { schema: contractSchema(ideaContracts.addMilestone, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(ideaContracts.addMilestone, request);
    const result = await platform.feedback.addMilestone(user, id, input);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.get(
    '/processes/:slug/results',
    {
      schema: {
        tags,
        summary: '"You said, we did": ideas by status and the answers, newest first, 50 a page',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            counts: Type.Array(Type.Object({ status: Type.String(), count: Type.Integer() })),
            answers: Type.Array(Type.Object({ ideaId: Type.String(), title: Type.String(), status: Type.String(), body: Type.Union([Type.String(), Type.Null()]), authorName: Type.String(), authorRole: Type.String(), progress: Type.Union([Type.Integer(), Type.Null()]), createdAt: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const process = await platform.processes.getProcess(request.ctx.user, request.params.slug);
      if (!process.ok) return failure(request, reply, process);
      const report = await platform.feedback.youSaidWeDid(process.value.id, request.query);
      return {
        total: report.total,
        counts: report.counts.map((c) => ({ status: c.status.key, count: c.count })),
        answers: report.answers.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      };
    },
  );

  api.get(
    '/processes/:slug/ideas/export',
    {
      schema: {
        tags,
        summary: 'Every idea with its status and latest official answer, as CSV or JSON (staff)',
        params: Type.Object({ slug: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])) }),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      if (!ideasPolicy.exportIdeas(user)) return failure(request, reply, { ok: false, code: 'Forbidden' });
      const process = await platform.processes.getProcess(user, request.params.slug);
      if (!process.ok) return failure(request, reply, process);
      const exported = await platform.reports.exportIdeas(user, process.value.id);
      if (!exported.ok) return failure(request, reply, exported);
      const records = exported.value;
      if (request.query.format === 'json') {
        return reply.header('content-disposition', `attachment; filename="${process.value.slug}-ideas.json"`).type('application/json; charset=utf-8').send(JSON.stringify(records, null, 2) as never);
      }
      const header = Object.keys(records[0] ?? { id: '' });
      const csv = spreadsheetCsv([header, ...records.map((r) => header.map((h) => (r as Record<string, unknown>)[h]))]);
      return reply.header('content-disposition', `attachment; filename="${process.value.slug}-ideas.csv"`).type('text/csv; charset=utf-8').send(csv as never);
    },
  );
};
