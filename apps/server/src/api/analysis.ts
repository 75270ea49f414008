import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { analysisContracts as c, presentAnalysis } from '@tingsted/platform/analysis';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Analysis of a process's inputs (process managers and decision-makers): asking for a run, reading the runs.
 * The same contracts and service calls as the analysis page.
 */
export const analysisRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Analysis'];

  // 202 when a run is queued; 200 (alreadyActive) when one is already waiting or running.
  const { response, ...request } = contractSchema(c.requestAnalysis, { tags, path: ['id'] });
  api.post('/processes/:id/analysis', { schema: { ...request, response: { ...response, 202: response[200] } } }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.requestAnalysis(user, contractInput(c.requestAnalysis, req).id);
    if (!result.ok) return failure(req, reply, result);
    return reply.code(result.value.alreadyActive ? 200 : 202).send(result.value);
  });

  api.get('/processes/:id/analysis', { schema: contractSchema(c.analysisOf, { tags, path: ['id'], method: 'GET' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.analysisOf(user, contractInput(c.analysisOf, req).id);
    if (!result.ok) return failure(req, reply, result);
    return presentAnalysis(result.value);
  });
};
