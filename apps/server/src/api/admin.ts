import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { accountContracts as c, MunicipalitySchema, municipalityContracts as m, presentUser } from '@tingsted/platform/accounts';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Administration: people and roles, municipality settings. The same contracts and service calls as the
 * administration pages' forms.
 */
export const adminRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Administration'];

  api.get('/admin/users', { schema: contractSchema(c.listUsers, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.accounts.listUsers(user, contractInput(c.listUsers, request));
    if (!result.ok) return failure(request, reply, result);
    return { users: result.value.map(presentUser) };
  });

  api.put('/admin/users/:id/roles', { schema: contractSchema(c.assignRoles, { tags, path: ['id'], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.assignRoles, request);
    const result = await platform.accounts.assignRoles(user, input.id, input.roles);
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/municipality', { schema: { operationId: 'getMunicipality', tags, summary: "The municipality's public settings", response: { 200: MunicipalitySchema } } }, async () =>
    platform.municipality.get(),
  );

  api.put('/admin/municipality', { schema: contractSchema(m.updateMunicipality, { tags, path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.municipality.update(user, contractInput(m.updateMunicipality, request));
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, areas: [...result.value.areas] };
  });
};
