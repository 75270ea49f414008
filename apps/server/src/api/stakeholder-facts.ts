import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { factRequestBytes, presentFact, sourcesOf, stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';

/** How a fact's documents travel, for the OpenAPI document. */
const uploads =
  ' Uploaded documents go in the JSON body, not as multipart: each in `sources[].file` with `filename`, `contentType` and `data` (the bytes in base64);' +
  ` the request may be up to ${factRequestBytes / 1024 / 1024} MiB. Field errors name the source: \`sources.1.file\`, \`sources.0.url\`.`;

/**
 * Facts of a stakeholder panel: submitted with sources, reviewed by facilitators, revised by their author. The
 * same contracts and service calls as the panel's pages (which send the documents as multipart form data).
 */
export const stakeholderFactRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Stakeholders'];
  const s = platform.stakeholders;

  const submit = contractSchema(c.submitFact, { tags, path: ['panelId'], status: 201 });
  api.post('/stakeholders/panels/:panelId/facts', { bodyLimit: factRequestBytes, schema: { ...submit, description: `Nothing is stored unless every field and source is valid.${uploads}` } }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { panelId, sources, disputes, ...input } = contractInput(c.submitFact, request);
    const result = await s.submitFact(user, panelId, { ...input, sources: sourcesOf(sources), disputes: disputes === undefined ? undefined : String(disputes), locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/stakeholders/panels/:panelId/facts', { schema: contractSchema(c.factsForReview, { tags, path: ['panelId'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await s.factsForReview(user, contractInput(c.factsForReview, request).panelId);
    if (!result.ok) return failure(request, reply, result);
    return result.value.map(presentFact);
  });

  const revise = contractSchema(c.reviseFact, { tags, path: ['factId'] });
  const keep = ' To keep an uploaded document, give its source with `fileId` (the `document.id` the facts list shows); a source left out is removed with its document.';
  api.put('/stakeholders/facts/:factId', { bodyLimit: factRequestBytes, schema: { ...revise, description: `Only while the fact is sent back for changes (409 otherwise).${keep}${uploads}` } }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { factId, sources, ...input } = contractInput(c.reviseFact, request);
    const result = await s.reviseFact(user, factId, { ...input, sources: sourcesOf(sources), locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/stakeholders/facts/:factId/review', { schema: contractSchema(c.reviewFact, { tags, path: ['factId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { factId, ...input } = contractInput(c.reviewFact, request);
    const result = await s.reviewFact(user, factId, input);
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });
};
