import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { ideaMapContracts as c } from '@tingsted/platform/ideas';
import { mapContracts as m, shapesAsGeoJson } from '@tingsted/platform/municipality';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/**
 * Ideas on a map (issue 19): the municipality's map and its upload, a phase's location setting, a process's
 * ideas on the map, the place search and the staff's GeoJSON export. The same contracts as the map pages.
 */
export const mapRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Maps'];

  api.get('/municipality/map', { schema: contractSchema(m.getMunicipalityMap, { tags, path: [], method: 'GET' }) }, async () => {
    const map = await platform.municipality.map();
    return { shapes: map.shapes ? shapesAsGeoJson(map.shapes) : null, tileUrl: map.tileUrl, attribution: map.attribution, geocoder: map.geocoderUrl !== null };
  });

  // A municipality's boundary and areas can be a few megabytes of GeoJSON.
  api.put('/admin/map', { bodyLimit: 6_000_000, schema: contractSchema(m.setMunicipalityMap, { tags, path: [], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.municipality.setMap(user, contractInput(m.setMunicipalityMap, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/phases/:phaseId/location-settings', { schema: contractSchema(c.setLocationSettings, { tags, path: ['phaseId'], method: 'PUT' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await platform.ideas.setLocationSettings(user, contractInput(c.setLocationSettings, request));
    if (!result.ok) return failure(request, reply, result);
    return { mode: result.value.mode, kinds: [...result.value.kinds] };
  });

  api.get('/processes/:slug/map', { schema: contractSchema(c.mappedIdeas, { tags, path: ['slug'], method: 'GET' }) }, async (request, reply) => {
    const input = contractInput(c.mappedIdeas, request);
    const process = await platform.processes.getProcess(request.ctx.user, input.slug);
    if (!process.ok) return failure(request, reply, process);
    const phaseIds = process.value.phases.filter((p) => p.method === 'ideas').map((p) => p.id);
    const [ideas, settings] = await Promise.all([
      platform.ideas.mappedIdeas({ processId: process.value.id, area: input.area ?? null, category: input.category ?? null, text: input.q ?? null }),
      platform.ideas.locationSettingsOf(phaseIds),
    ]);
    return {
      ideas: ideas.map((i) => ({ ...i, point: [...i.point], createdAt: i.createdAt.toISOString() })),
      phases: phaseIds.map((id) => ({ id, mode: settings.get(id)?.mode ?? 'none', kinds: [...(settings.get(id)?.kinds ?? ['point'])] })),
    };
  });

  api.get('/places', { schema: contractSchema(c.searchPlaces, { tags, path: [], method: 'GET' }) }, async (request) => {
    const input = contractInput(c.searchPlaces, request);
    const process = input.process ? await platform.processes.getProcess(request.ctx.user, input.process) : null;
    const places = await platform.ideas.searchPlaces({ text: input.q, ...(process?.ok ? { processId: process.value.id } : {}) });
    return { places: places.map((p) => ({ ...p, point: [...p.point] })) };
  });

  api.get('/phases/:phaseId/ideas.geojson', { schema: contractSchema(c.phaseIdeasGeoJson, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { phaseId } = contractInput(c.phaseIdeasGeoJson, request);
    const result = await platform.ideas.phaseGeoJson(user, phaseId);
    if (!result.ok) return failure(request, reply, result);
    return reply.header('content-type', 'application/geo+json; charset=utf-8').header('content-disposition', `attachment; filename="ideas-${phaseId}.geojson"`).send(result.value);
  });
};
