import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { reportContracts as c, reportsPolicy } from '@tingsted/platform/reports';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** Read models over several modules: the participation report and the workspace overview, as their pages show them. */
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

  api.get('/processes/:id/overview', { schema: contractSchema(c.processOverview, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const overview = await platform.reports.processOverview(user, contractInput(c.processOverview, request).id);
    if (!overview.ok) return failure(request, reply, overview);
    return overview.value;
  });
};
