import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { reportContracts as c, reportsPolicy } from '@tingsted/platform/reports';
import { contractInput, contractSchema } from './contract-route.ts';
import { spreadsheetCsv } from '@tingsted/platform/shared';
import { errorResponses, failure, requireUser } from './shared.ts';

/** Read models over several modules: the participation report, the workspace overview and its inputs manager, as their pages show them. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Reports'];

  api.get('/processes/:id/report', { schema: contractSchema(c.participationReport, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!reportsPolicy.seeParticipation(user)) return failure(request, reply, { ok: false, code: 'Forbidden' });
    const { id } = contractInput(c.participationReport, request);
    const process = await platform.processes.getProcessById(id);
    if (!process) return failure(request, reply, { ok: false, code: 'NotFound' });
    const report = await platform.reports.participationReport(user, process.id);
    if (!report.ok) return failure(request, reply, report);
    return report.value;
  });

  api.get('/processes/:id/inputs', { schema: contractSchema(c.processInputs, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...query } = contractInput(c.processInputs, request);
    const result = await platform.reports.processInputs(user, id, query);
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, inputs: result.value.inputs.map((i) => ({ ...i, answeredAt: i.answeredAt?.toISOString() ?? null, createdAt: i.createdAt.toISOString() })) };
  });

  api.get(
    '/processes/:id/inputs.csv',
    { schema: { ...contractSchema(c.exportInputs, { tags, path: ['id'], method: 'GET' }), response: errorResponses } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const { id, ...filter } = contractInput(c.exportInputs, request);
      const result = await platform.reports.exportInputs(user, id, filter);
      if (!result.ok) return failure(request, reply, result);
      return reply.header('content-disposition', 'attachment; filename="inputs.csv"').type('text/csv; charset=utf-8').send(spreadsheetCsv([result.value.header, ...result.value.rows]) as never);
    },
  );

  api.post('/processes/:id/inputs/answers', { schema: contractSchema(c.answerInputs, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.answerInputs, request);
    const result = await platform.feedback.answerIdeas(user, input.id, input.ideaIds, { status: input.status, body: input.body ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/processes/:id/overview', { schema: contractSchema(c.processOverview, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const overview = await platform.reports.processOverview(user, contractInput(c.processOverview, request).id);
    if (!overview.ok) return failure(request, reply, overview);
    return overview.value;
  });
};
