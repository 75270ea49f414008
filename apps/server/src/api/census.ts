import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { censusContracts as c, presentCensus, presentRepresentation } from '@tingsted/platform/census';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Who is missing: the census (administrators import it once a year) and a process's participants against
 * it, with the outreach thresholds. The same contracts and service calls as the census and representation pages.
 */
export const censusRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Census'];

  api.put('/census', { schema: contractSchema(c.importCensus, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.importCensus, request);
    const result = await platform.census.importCensus(user, { year: input.year, source: input.source ?? '', file: input.census });
    if (!result.ok) return failure(request, reply, result);
    return presentCensus(result.value);
  });

  api.get('/census', { schema: contractSchema(c.currentCensus, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.census.currentCensus(user);
    if (!result.ok) return failure(request, reply, result);
    return { census: result.value ? presentCensus(result.value) : null };
  });

  api.get('/processes/:id/representation', { schema: contractSchema(c.representationOf, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.representationOf, request);
    const result = await platform.census.representationOf(user, id, input);
    if (!result.ok) return failure(request, reply, result);
    return presentRepresentation(result.value, user);
  });

  api.post('/processes/:id/representation/reminders', { schema: contractSchema(c.sendOutreachReminder, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.sendOutreachReminder, request);
    const result = await platform.census.sendReminder(user, id, { area: input.area ?? '', ageBand: input.ageBand ?? '' });
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/processes/:id/representation/thresholds', { schema: contractSchema(c.setRepresentationThresholds, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { id, ...input } = contractInput(c.setRepresentationThresholds, request);
    const result = await platform.census.setThresholds(user, id, input);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
