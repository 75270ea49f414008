import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { surveyContracts as c } from '@tingsted/platform/surveys';
import { presentQuestion, presentResults } from '@tingsted/platform/surveys';
import { contractInput, contractSchema } from './contract-route.ts';
import { spreadsheetCsv } from '@tingsted/platform/shared';
import { errorResponses, failure, requireUser } from './shared.ts';

/** Surveys: the questions, building the form, answering it, the results and the CSV export. */
export const surveyRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Surveys'];

  api.get('/phases/:phaseId/survey', { schema: contractSchema(c.surveyQuestions, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const { phaseId } = contractInput(c.surveyQuestions, request);
    const found = await platform.processes.getPhase(phaseId);
    const visible = found && found.phase.method === 'survey' ? await platform.processes.getProcess(request.ctx.user, found.process.slug) : null;
    if (!visible?.ok) return failure(request, reply, { ok: false, code: 'NotFound' });
    return { questions: (await platform.surveys.questionsOf(phaseId)).map(presentQuestion) };
  });

  api.post('/phases/:phaseId/survey/questions', { schema: contractSchema(c.addQuestion, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { phaseId, ...input } = contractInput(c.addQuestion, request);
    const result = await platform.surveys.addQuestion(user, phaseId, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.put('/phases/:phaseId/survey/questions/:questionId', { schema: contractSchema(c.updateQuestion, { tags, path: ['phaseId', 'questionId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { phaseId, questionId, ...input } = contractInput(c.updateQuestion, request);
    const result = await platform.surveys.updateQuestion(user, phaseId, questionId, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/phases/:phaseId/survey/questions/:questionId/move', { schema: contractSchema(c.moveQuestion, { tags, path: ['phaseId', 'questionId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.moveQuestion, request);
    const result = await platform.surveys.moveQuestion(user, input.phaseId, input.questionId, input.direction);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.delete('/phases/:phaseId/survey/questions/:questionId', { schema: contractSchema(c.removeQuestion, { tags, path: ['phaseId', 'questionId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.removeQuestion, request);
    const result = await platform.surveys.removeQuestion(user, input.phaseId, input.questionId);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/phases/:phaseId/survey/responses', { schema: contractSchema(c.submitResponse, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.submitResponse, request);
    const result = await platform.surveys.submitResponse(user, input.phaseId, input.answers);
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send({ ok: true as const });
  });

  api.get('/phases/:phaseId/survey/results', { schema: contractSchema(c.surveyResults, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const result = await platform.surveys.results(request.ctx.user, contractInput(c.surveyResults, request).phaseId);
    if (!result.ok) return failure(request, reply, result);
    return presentResults(result.value);
  });

  api.get(
    '/phases/:phaseId/survey/export',
    { schema: { ...contractSchema(c.exportResponses, { tags, path: ['phaseId'], method: 'GET' }), response: errorResponses } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const result = await platform.surveys.exportResponses(user, contractInput(c.exportResponses, request).phaseId, request.ctx.locale);
      if (!result.ok) return failure(request, reply, result);
      const csv = spreadsheetCsv([result.value.header, ...result.value.rows]);
      return reply.header('content-disposition', 'attachment; filename="survey.csv"').type('text/csv; charset=utf-8').send(csv as never);
    },
  );
};
