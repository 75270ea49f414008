import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { municipalityContracts as m } from '@tingsted/platform/accounts';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** The municipality's retention settings for personal data (administrators): the same contracts as /admin/privacy. */
export const retentionRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Administration'];

  api.get('/admin/retention', { schema: contractSchema(m.getRetentionSettings, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.municipality.retentionSettings(user);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/admin/retention', { schema: contractSchema(m.setRetentionSettings, { tags, path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.municipality.setRetentionSettings(user, contractInput(m.setRetentionSettings, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });
};
