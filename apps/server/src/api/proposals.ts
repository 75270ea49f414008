import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { proposalContracts as c } from '@tingsted/platform/proposals';
import { contractInput, contractSchema } from './contract-route.ts';
import { failure, requireUser } from './shared.ts';
import { attachRequestBytes } from '@tingsted/platform/files';

/**
 * Citizen proposals (issue 19): the same contracts and service calls as the proposal pages' form actions.
 * Residents draft, invite co-authors, publish, sign and withdraw; staff set a phase's rules, answer proposals
 * that reached their threshold, add milestones and read the signatures as counts per area and age group.
 */
export const proposalRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['Proposals'];
  const p = platform.proposals;

  api.get('/proposals', { schema: contractSchema(c.municipalProposals, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const result = await p.municipalProposals(request.ctx.user, contractInput(c.municipalProposals, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.get('/phases/:phaseId/proposals', { schema: contractSchema(c.proposalsOf, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const result = await p.proposalsOf(request.ctx.user, contractInput(c.proposalsOf, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/phases/:phaseId/proposals', { schema: contractSchema(c.draftProposal, { tags, path: ['phaseId'], status: 201 }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.draftProposal(user, contractInput(c.draftProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.get('/phases/:phaseId/proposals/settings', { schema: contractSchema(c.proposalSettings, { tags, path: ['phaseId'], method: 'GET' }) }, async (request, reply) => {
    const result = await p.proposalSettingsOf(request.ctx.user, contractInput(c.proposalSettings, request));
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, areas: [...result.value.areas] };
  });

  api.put('/phases/:phaseId/proposals/settings', { schema: contractSchema(c.setProposalSettings, { tags, path: ['phaseId'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.setProposalSettings(user, contractInput(c.setProposalSettings, request));
    if (!result.ok) return failure(request, reply, result);
    return { ...result.value, areas: [...result.value.areas] };
  });

  api.get('/proposals/:id', { schema: contractSchema(c.getProposal, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const result = await p.proposalOf(request.ctx.user, contractInput(c.getProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.put('/proposals/:id', { schema: contractSchema(c.editProposal, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.editProposal(user, contractInput(c.editProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  // The image travels in the JSON body as base64, as for a budgeting project's images.
  const imageSchema = contractSchema(c.addProposalImage, { tags, path: ['id'], status: 201 });
  const imageUpload =
    'The image goes in the JSON body: `file` with `filename`, `contentType` (PNG, JPEG or WebP) and `data` (the bytes in base64, at most 5 MB), and `altText`. ' +
    'Only its authors, while it is a draft; type (by content), size and alt text are checked before anything is stored.';
  api.post('/proposals/:id/images', { bodyLimit: attachRequestBytes, schema: { ...imageSchema, description: imageUpload } }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const input = contractInput(c.addProposalImage, request);
    const result = await p.addProposalImage(user, { ...input, locale: input.locale ?? request.ctx.locale });
    if (!result.ok) return failure(request, reply, result);
    return reply.code(201).send(result.value);
  });

  api.delete('/proposals/:id/images/:fileId', { schema: contractSchema(c.removeProposalImage, { tags, path: ['id', 'fileId'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.removeProposalImage(user, contractInput(c.removeProposalImage, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/proposals/:id/coauthors', { schema: contractSchema(c.inviteCoauthor, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.inviteCoauthor(user, contractInput(c.inviteCoauthor, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.post('/proposals/:id/coauthors/accept', { schema: contractSchema(c.acceptCoauthorship, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.acceptCoauthorship(user, contractInput(c.acceptCoauthorship, request));
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/proposals/:id/publish', { schema: contractSchema(c.publishProposal, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.publishProposal(user, contractInput(c.publishProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return { deadline: result.value.deadline.toISOString(), threshold: result.value.threshold };
  });

  api.post('/proposals/:id/signatures', { schema: contractSchema(c.signProposal, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.signProposal(user, contractInput(c.signProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return result.value;
  });

  api.delete('/proposals/:id/signatures', { schema: contractSchema(c.withdrawSignature, { tags, path: ['id'], method: 'DELETE' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.withdrawSignature(user, contractInput(c.withdrawSignature, request));
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.get('/proposals/:id/signatures/counts', { schema: contractSchema(c.signatureCounts, { tags, path: ['id'], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.signatureCounts(user, contractInput(c.signatureCounts, request));
    if (!result.ok) return failure(request, reply, result);
    return { rows: result.value.rows, total: result.value.total };
  });

  api.post('/proposals/:id/answers', { schema: contractSchema(c.answerProposal, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.answerProposal(user, contractInput(c.answerProposal, request));
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });

  api.post('/proposals/:id/milestones', { schema: contractSchema(c.addProposalMilestone, { tags, path: ['id'] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const result = await p.addProposalMilestone(user, contractInput(c.addProposalMilestone, request));
    if (!result.ok) return failure(request, reply, result);
    return { ok: true as const };
  });
};
