import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { presentSummary, presentTextProvider, summaryContracts as c, textProviderContracts as p } from '@tingsted/platform/analysis';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Summaries with sources (staff edit and publish them; the published ones are public) and the optional model
 * provider (administrators). The same contracts and service calls as the analysis pages and /admin/models.
 */
export const summaryRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Analysis'];

  api.get('/processes/:id/summaries', { schema: contractSchema(c.summariesOf, { tags, path: ['id'], method: 'GET' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.summariesOf(user, contractInput(c.summariesOf, req).id, req.ctx.locale);
    if (!result.ok) return failure(req, reply, result);
    return { runId: result.value.runId, summaries: result.value.summaries.map(presentSummary) };
  });

  api.put('/processes/:id/summaries/:scope', { schema: contractSchema(c.saveSummary, { tags, path: ['id', 'scope'], method: 'PUT' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.saveSummary(user, contractInput(c.saveSummary, req), req.ctx.locale);
    if (!result.ok) return failure(req, reply, result);
    return presentSummary(result.value);
  });

  api.delete('/processes/:id/summaries/:scope/publication', { schema: contractSchema(c.unpublishSummary, { tags, path: ['id', 'scope'], method: 'DELETE' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.unpublishSummary(user, contractInput(c.unpublishSummary, req));
    if (!result.ok) return failure(req, reply, result);
    return { ok: true as const };
  });

  api.get('/processes/:slug/published-summaries', { schema: contractSchema(c.publishedSummaries, { tags, path: ['slug'], method: 'GET' }) }, async (req, reply) => {
    const process = await platform.processes.getProcess(req.ctx.user, contractInput(c.publishedSummaries, req).slug);
    if (!process.ok) return failure(req, reply, process);
    return { summaries: (await platform.analysis.publishedSummaries(process.value.id)).map(presentSummary) };
  });

  api.get('/admin/text-provider', { schema: contractSchema(p.textProviderOf, { tags, path: [], method: 'GET' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.textProviderOf(user);
    if (!result.ok) return failure(req, reply, result);
    return presentTextProvider(result.value);
  });

  api.put('/admin/text-provider', { schema: contractSchema(p.setTextProvider, { tags, path: [], method: 'PUT' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.setTextProvider(user, contractInput(p.setTextProvider, req));
    if (!result.ok) return failure(req, reply, result);
    return presentTextProvider(result.value);
  });

  api.post('/admin/text-provider/test', { schema: contractSchema(p.testTextProvider, { tags, path: [], method: 'POST' }) }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const result = await platform.analysis.testTextProvider(user);
    if (!result.ok) return failure(req, reply, result);
    return result.value;
  });
};
